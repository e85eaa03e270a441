package org.equigrid.agents.coordinator;

import static org.equigrid.agents.coordinator.CoordinatorAgent.REFUSED;

import jade.lang.acl.ACLMessage;
import java.util.Optional;
import org.equigrid.agents.protocol.Message;
import org.equigrid.agents.protocol.Message.Bid;
import org.equigrid.agents.protocol.Message.JoinRequest;
import org.equigrid.agents.protocol.Message.NetProfileBid;
import org.equigrid.agents.protocol.ReceiptCheck;

/**
 * The bids a {@link DayRun} receives, one method a kind: each checked by {@link ReceiptCheck} (a
 * REFUSE and standalone for the day when it fails), then kept and counted in the round.
 */
final class DayReceipts {

  private DayReceipts() {}

  /**
   * The rule at receipt, the same for every kind of bid: a bid with a problem is refused (a REFUSE
   * saying the problem) and its household is standalone for the day.
   */
  private static boolean refused(DayRun run, ACLMessage msg, String id, Optional<String> problem) {
    if (problem.isEmpty()) {
      return false;
    }
    run.agent.reply(msg, ACLMessage.REFUSE, new Message.Problem(problem.get()), run.virtualNow());
    run.standaloneIfPending(id, REFUSED + problem.get());
    return true;
  }

  /** Central: a household's bid, checked against what it registered. */
  static void bid(DayRun run, ACLMessage msg, String id, Bid bid) {
    JoinRequest registered = run.participants.get(id).join();
    Optional<String> problem =
        ReceiptCheck.bid(
            bid, registered, run.day, run.terms.tariff().intervals(), run.terms.intervalHours());
    if (refused(run, msg, id, problem)) {
      return;
    }
    run.pending.remove(id);
    run.bids.put(id, bid);
    run.strategies.put(id, bid.strategy());
  }

  /** Tâtonnement: a household's net profile, checked and answered to the session. */
  static void netBid(DayRun run, ACLMessage msg, String id, NetProfileBid bid) {
    JoinRequest registered = run.participants.get(id).join();
    Optional<String> problem =
        ReceiptCheck.netProfile(bid, registered, run.day, run.terms.tariff().intervals());
    if (refused(run, msg, id, problem)) {
      return;
    }
    run.pending.remove(id);
    run.netBids.put(id, bid);
    run.session.answer(id, TradingDays.answer(bid));
    run.strategies.put(id, bid.strategy());
    run.roundMessages += 1;
    run.roundNumbers += 3L * bid.netKwh().length;
  }

  /** ADMM and decomposition: a household's schedule, checked against the signal it answers. */
  static void scheduleBid(DayRun run, ACLMessage msg, String id, Message.ScheduleBid bid) {
    Optional<String> problem =
        ReceiptCheck.scheduleBid(
            bid, id, run.day, run.round, run.signals.get(id), run.terms.tariff().intervals());
    if (refused(run, msg, id, problem)) {
      return;
    }
    run.pending.remove(id);
    if (run.session != null) {
      run.session.answer(id, bid.schedule());
    }
    run.strategies.put(id, bid.strategy());
    run.roundMessages += 1;
    run.roundNumbers += bid.schedule().numbers();
  }
}
