package org.equigrid.agents.household;

import jade.lang.acl.ACLMessage;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.equigrid.agents.coordinator.MarketMode;
import org.equigrid.agents.protocol.Acl;
import org.equigrid.agents.protocol.Message;
import org.equigrid.agents.protocol.Message.BatterySpec;
import org.equigrid.agents.protocol.Message.CallForProposals;
import org.equigrid.market.model.Battery;
import org.equigrid.market.model.Household;
import org.equigrid.market.model.TradingDay;
import org.equigrid.market.negotiation.Answer;
import org.equigrid.market.negotiation.LocalHousehold;
import org.equigrid.market.negotiation.Signal;

/**
 * A participant's side of the trading days, for {@link ParticipantAgent}: answers the coordinator's
 * authentic calls, price signals, awards and settlements (central bids, its own Choco schedules in
 * the decentralised mode, {@link LocalHousehold} answers in ADMM and decomposition), and carries
 * the battery's state of charge from one day to the next. Replies go through the agent, which signs
 * them.
 */
final class ParticipantDay {

  /** Logs under the agent's name, as the agent did before this class was split from it. */
  private static final Logger LOG = LogManager.getLogger(ParticipantAgent.class);

  static final String NO_PROFILE = "No profile for day ";

  private final ParticipantAgent agent;
  private final HouseholdSetup setup;
  private final HouseholdScheduler scheduler;
  private final Consumer<Message.SettlementInform> settlements;

  /** The JVM's bound on household solves at once; this agent's solves wait there for a slot. */
  private final SolveGate gate;

  private double socKwh;
  private CallForProposals call;
  private Forecast revealed;
  private final Map<Integer, FlexSchedule> schedulesByRound = new HashMap<>();

  /**
   * ADMM and decomposition: the household's own solver for the day of {@link #call} (null before).
   */
  private LocalHousehold local;

  ParticipantDay(
      ParticipantAgent agent,
      HouseholdSetup setup,
      HouseholdScheduler scheduler,
      Consumer<Message.SettlementInform> settlements) {
    this.agent = agent;
    this.setup = setup;
    this.scheduler = scheduler;
    this.settlements = settlements;
    this.gate = SolveGate.shared();
    Battery battery = setup.household().battery();
    this.socKwh = battery == null ? 0 : battery.initialSocKwh();
  }

  /** Answers {@code content}, an authentic message of the coordinator. */
  void handle(ACLMessage msg, Message content) {
    if (content instanceof CallForProposals cfp && msg.getPerformative() == ACLMessage.INFORM) {
      // ADMM: the day's terms, before the first signal; no answer.
      call = cfp;
      newDay();
    } else if (content instanceof CallForProposals cfp
        && msg.getPerformative() == ACLMessage.REQUEST) {
      // Decomposition: the day's terms; the answer is the revealed net load per interval.
      call = cfp;
      newDay();
      idleNetLoad(msg);
    } else if (content instanceof CallForProposals cfp) {
      call = cfp;
      answer(
          msg,
          MarketMode.DECENTRALISED.name().equals(cfp.mode()) ? OwnDay.midMarket(cfp) : null,
          0);
    } else if (content instanceof Message.ColumnPricesCall c
        && call != null
        && c.day() == call.day()) {
      answerSignal(msg, c.prices(), c.round());
    } else if (content instanceof Message.ProximalPricesCall x
        && call != null
        && x.day() == call.day()) {
      answerSignal(msg, x.prices(), x.round());
    } else if (content instanceof Message.PricesAnnouncement prices
        && call != null
        && prices.day() == call.day()) {
      answer(msg, prices.poolPriceEurPerKwh(), prices.round());
    } else if (content instanceof Message.Acceptance acceptance) {
      accepted(acceptance, Acl.round(msg));
    } else if (content instanceof Message.SettlementInform settlement) {
      settlements.accept(settlement);
      reply(
          msg,
          ACLMessage.CONFIRM,
          new Message.SettlementReceived(settlement.day(), setup.household().id()));
    } else if (content instanceof Message.Rejection
        || content instanceof Message.Problem
        || content instanceof Message.JoinAccepted) {
      LOG.debug(
          "{}: {} {}",
          agent.getLocalName(),
          ACLMessage.getPerformative(msg.getPerformative()),
          content);
    } else {
      reply(
          msg,
          ACLMessage.NOT_UNDERSTOOD,
          new Message.Problem(
              "A household does not expect a " + content.getClass().getSimpleName()));
    }
  }

  /** Answers a call; {@code prices} null means the central mode. */
  private void answer(ACLMessage msg, double[] prices, int round) {
    int day = call.day();
    int intervals = call.importPriceEurPerKwh().length;
    if (refusedWithoutProfile(msg, day, intervals)) {
      return;
    }
    Household h = setup.household();
    Forecast truth =
        new Forecast(
            setup.loadKwhByDay()[day], setup.pvKwhByDay()[day], OwnDay.spec(h.battery()), h.flex());
    String strategy = setup.strategy().name();
    if (prices == null) {
      revealed = OwnDay.revealed(setup, day, intervals, call.intervalHours());
      BatterySpec battery = revealed.battery();
      Message bid =
          new Message.Bid(
              h.id(),
              day,
              revealed.loadKwh(),
              revealed.pvKwh(),
              h.pvKwp(),
              battery,
              battery == null ? 0 : socKwh,
              Message.EvSpec.of(revealed.flex().ev()),
              Message.ApplianceSpec.of(revealed.flex().appliances()),
              setup.importLimitKw(),
              setup.exportLimitKw(),
              h.reservation() == null ? null : h.reservation().buyMaxEurPerKwh(),
              h.reservation() == null ? null : h.reservation().sellMinEurPerKwh(),
              strategy);
      reply(msg, ACLMessage.PROPOSE, bid);
      return;
    }
    revealed = setup.strategy().reveal(truth, day, call.intervalHours());
    if (round == 0) {
      schedulesByRound.clear();
    }
    FlexSchedule previous = schedulesByRound.get(round - 1);
    BatterySpec battery = revealed.battery();
    if (previous == null) {
      previous = FlexSchedule.idle(intervals, battery == null ? 0 : socKwh);
    }
    double radiusKwh = OwnDay.trustRadiusKwh(battery, call.intervalHours(), round);
    PricedDay own =
        new PricedDay(
            revealed.loadKwh(),
            revealed.pvKwh(),
            battery,
            socKwh,
            revealed.flex(),
            setup.appliances(),
            prices,
            call.intervalHours());
    FlexSchedule from = previous;
    double evRadiusKwh = OwnDay.evTrustRadiusKwh(revealed.flex().ev(), call.intervalHours(), round);
    FlexSchedule lastSchedule =
        gate.solve(() -> scheduler.schedule(own, from, radiusKwh, evRadiusKwh));
    schedulesByRound.put(round, lastSchedule);
    Message bid =
        new Message.NetProfileBid(
            h.id(),
            day,
            round,
            lastSchedule.netKwh(),
            lastSchedule.chargeKwh(),
            lastSchedule.dischargeKwh(),
            lastSchedule.applianceStartIntervals(),
            revealed.flex().any() ? lastSchedule.flexKwh() : null,
            strategy,
            lastSchedule.note());
    reply(msg, ACLMessage.PROPOSE, bid);
  }

  private void newDay() {
    schedulesByRound.clear();
    if (local != null) {
      local.close();
      local = null;
    }
  }

  /**
   * ADMM and decomposition: answers a signal with the household's own schedule ({@link
   * LocalHousehold}) from what its strategy reveals of its day; a household with no usable day or
   * no feasible schedule declines (REFUSE) and is standalone.
   */
  private void answerSignal(ACLMessage msg, Signal signal, int round) {
    int day = call.day();
    int intervals = call.importPriceEurPerKwh().length;
    if (refusedWithoutProfile(msg, day, intervals)) {
      return;
    }
    if (local == null) {
      local = new LocalHousehold(ownDay(day, intervals), 0);
    }
    Answer answer;
    try {
      LocalHousehold own = local;
      answer = gate.solve(() -> own.answer(signal));
    } catch (RuntimeException e) {
      answer = null;
      LOG.warn("{}: its own solve failed: {}", agent.getLocalName(), e.getMessage());
    }
    if (!(answer instanceof Answer.Schedule schedule)) {
      reply(
          msg,
          ACLMessage.REFUSE,
          new Message.Problem(
              "No feasible schedule of "
                  + setup.household().id()
                  + " at the prices of round "
                  + round));
      return;
    }
    reply(
        msg,
        ACLMessage.PROPOSE,
        new Message.ScheduleBid(
            setup.household().id(), day, round, schedule, setup.strategy().name()));
  }

  private void idleNetLoad(ACLMessage msg) {
    int day = call.day();
    int intervals = call.importPriceEurPerKwh().length;
    if (refusedWithoutProfile(msg, day, intervals)) {
      return;
    }
    TradingDay own = ownDay(day, intervals);
    local = new LocalHousehold(own, 0);
    reply(
        msg,
        ACLMessage.INFORM,
        new Message.IdleNetLoad(
            setup.household().id(), day, OwnDay.idleNetKwh(own), setup.strategy().name()));
  }

  /**
   * Refuses {@code msg} (and says true) when the household holds no profile of {@code day} with
   * {@code intervals} intervals.
   */
  private boolean refusedWithoutProfile(ACLMessage msg, int day, int intervals) {
    if (day >= 0 && day < setup.days() && setup.loadKwhByDay()[day].length == intervals) {
      return false;
    }
    reply(
        msg,
        ACLMessage.REFUSE,
        new Message.Problem(
            NO_PROFILE
                + day
                + " with "
                + intervals
                + " intervals: the household holds "
                + setup.days()
                + " day(s)"));
    return true;
  }

  /**
   * The household's own day as its strategy reveals it ({@link OwnDay#of}); sets {@code revealed}.
   */
  private TradingDay ownDay(int day, int intervals) {
    revealed = OwnDay.revealed(setup, day, intervals, call.intervalHours());
    return OwnDay.of(setup, revealed, call, day, socKwh);
  }

  /**
   * The award: the schedule of the awarded round (decentralised; {@code round} from the ACL) or the
   * market's.
   */
  private void accepted(Message.Acceptance acceptance, int round) {
    if (revealed == null || revealed.battery() == null) {
      return;
    }
    FlexSchedule awarded =
        MarketMode.DECENTRALISED.name().equals(call.mode()) ? schedulesByRound.get(round) : null;
    double[] soc = awarded != null ? awarded.socKwh() : acceptance.schedule().socKwh();
    socKwh = OwnDay.socAfter(revealed.battery(), soc, socKwh);
  }

  private void reply(ACLMessage to, int performative, Message content) {
    agent.reply(to, performative, content);
  }
}
