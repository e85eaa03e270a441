package org.equigrid.agents.coordinator;

import jade.core.AID;
import jade.lang.acl.ACLMessage;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.equigrid.agents.protocol.Acl;
import org.equigrid.agents.protocol.Message;
import org.equigrid.agents.protocol.Message.NetProfileBid;
import org.equigrid.market.negotiation.Answer;
import org.equigrid.market.negotiation.NegotiationSession;

/**
 * The end of a {@link DayRun}'s negotiation: the award turned into the households' net profiles,
 * and the settlement (the market called, awards and bills sent, the day's result kept).
 */
final class DaySettle {

  private static final Logger LOG = LogManager.getLogger(CoordinatorAgent.class);

  private DaySettle() {}

  /**
   * The award becomes the households' net profiles for the settlement: the tâtonnement's awarded
   * round's bids as received; ADMM's and the decomposition's schedules as net-profile bids.
   */
  static void award(DayRun run, NegotiationSession.Award award) {
    run.agent.admmMemory = run.session.admmMemory();
    run.converged = award.converged();
    run.bestRound = award.round();
    run.observer.onNote(run.day, run.virtualNow(), award.note());
    SortedMap<String, NetProfileBid> received =
        run.bidsByRound.getOrDefault(run.bestRound, new TreeMap<>());
    run.netBids.clear();
    if (run.session.asksNetProfiles()) {
      received.forEach(
          (id, bid) -> {
            if (!run.standalone.containsKey(id)) {
              run.netBids.put(id, bid);
            }
          });
      return;
    }
    for (String id : run.negotiators) {
      if (run.standalone.containsKey(id)) {
        continue;
      }
      if (!(award.byHousehold().get(id) instanceof Answer.Schedule s)) {
        run.standalone.put(id, "the negotiation awarded it no schedule: " + award.note());
        continue;
      }
      run.awardedSchedules.put(id, s);
      run.netBids.put(
          id,
          new NetProfileBid(
              id,
              run.day,
              run.bestRound,
              s.netKwh(),
              s.chargeKwh(),
              s.dischargeKwh(),
              List.of(),
              s.flexKwh(),
              run.strategies.getOrDefault(id, ""),
              run.settings.negotiation().key()));
    }
  }

  /**
   * Settles the day: the market clears the bids (central) or net profiles (decentralised); each
   * settled household gets its award and its bill; the day's result is kept and the learner asked.
   */
  static void settle(DayRun run) {
    long awardAt = run.settings.clock().deadline(run.day, run.round);
    List<String> bidders =
        new ArrayList<>(
            run.settings.mode() == MarketMode.CENTRAL ? run.bids.keySet() : run.netBids.keySet());
    Map<String, HouseholdOutcome> settled = new LinkedHashMap<>();
    double[] pool = new double[run.terms.tariff().intervals()];
    if (!bidders.isEmpty()) {
      try {
        DayOutcome outcome =
            run.settings.mode() == MarketMode.CENTRAL
                ? run.market.settle(
                    TradingDays.central(run.day, run.terms, bidders, run::joinOf, run.bids))
                : run.market.settleNetProfiles(
                    TradingDays.netProfiles(run.day, run.terms, bidders, run::joinOf, run.netBids),
                    TradingDays.storedKwh(bidders, run::joinOf, run.netBids));
        pool = outcome.poolPriceEurPerKwh();
        for (String id : bidders) {
          HouseholdOutcome o = outcome.byHousehold().get(id);
          if (o == null) {
            run.standalone.put(id, "the market returned no outcome for it");
          } else {
            settled.put(id, o);
          }
        }
      } catch (RuntimeException e) {
        LOG.warn("day {}: the market failed, everyone is standalone: {}", run.day, e.getMessage());
        for (String id : bidders) {
          run.standalone.put(id, "the market failed: " + e.getMessage());
        }
      }
    }
    run.observer.onNote(
        run.day,
        awardAt,
        "cleared: " + settled.size() + " settled, " + run.standalone.size() + " standalone");
    for (Map.Entry<String, HouseholdOutcome> e : settled.entrySet()) {
      AID aid = run.participants.get(e.getKey()).aid();
      Message.Schedule schedule =
          TradingDays.awarded(e.getValue().schedule(), run.awardedSchedules.get(e.getKey()));
      Message award = new Message.Acceptance(run.day, schedule, pool);
      int awarded = run.settings.mode() == MarketMode.CENTRAL ? run.round : run.bestRound;
      run.agent.send(
          Acl.create(
              ACLMessage.ACCEPT_PROPOSAL,
              aid,
              award,
              run.conversationId,
              run.day,
              awarded,
              awardAt),
          award);
    }
    for (Map.Entry<String, HouseholdOutcome> e : settled.entrySet()) {
      HouseholdOutcome o = e.getValue();
      AID aid = run.participants.get(e.getKey()).aid();
      Message inform =
          new Message.SettlementInform(
              run.day,
              o.householdId(),
              o.energyCostEur(),
              o.standaloneCostEur(),
              o.shareEur(),
              o.billEur(),
              o.explanation());
      run.agent.send(
          Acl.create(
              ACLMessage.INFORM, aid, inform, run.conversationId, run.day, run.round, awardAt + 60),
          inform);
    }
    SortedMap<String, String> notes = new TreeMap<>();
    SortedMap<String, double[]> flex = new TreeMap<>();
    run.netBids.forEach((id, b) -> notes.put(id, b.scheduleNote()));
    run.netBids.forEach(
        (id, b) -> {
          if (b.flexKwh() != null && settled.containsKey(id)) {
            flex.put(id, b.flexKwh());
          }
        });
    DayResult result =
        new DayResult(
            run.day,
            run.settings.mode(),
            settled,
            run.standalone,
            run.strategies,
            notes,
            flex,
            run.round + 1,
            run.settings.mode() == MarketMode.CENTRAL ? 0 : run.bestRound,
            run.converged,
            run.session == null ? new double[0] : run.session.lastPoolPrices(),
            pool,
            awardAt + 60,
            run.session == null ? "" : run.session.label(),
            run.session == null ? List.of() : run.session.rounds(),
            run.session == null ? Double.NaN : run.session.awardedObjectiveEur());
    LOG.debug("day {} done: {} settled, standalone {}", run.day, settled.size(), run.standalone);
    run.result = result;
    LearnerExchange.ask(run, awardAt + 120);
  }
}
