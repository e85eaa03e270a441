package org.equigrid.agents.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import jade.core.AID;
import jade.core.Agent;
import jade.core.behaviours.OneShotBehaviour;
import jade.lang.acl.ACLMessage;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.equigrid.agents.coordinator.CoordinatorSettings;
import org.equigrid.agents.coordinator.DayResult;
import org.equigrid.agents.coordinator.GridOnlyMarket;
import org.equigrid.agents.coordinator.MarketMode;
import org.equigrid.agents.household.BiddingStrategy;
import org.equigrid.agents.household.DeferrableAppliance;
import org.equigrid.agents.household.HouseholdScheduler;
import org.equigrid.agents.household.HouseholdSetup;
import org.equigrid.agents.protocol.Acl;
import org.equigrid.agents.protocol.Message;
import org.equigrid.agents.protocol.MessageCodec;
import org.equigrid.agents.protocol.Narrator;
import org.equigrid.agents.protocol.ProtocolObserver;
import org.equigrid.agents.protocol.ReceiptCheck;
import org.equigrid.agents.protocol.TraceSummary;
import org.equigrid.agents.protocol.TraceWriter;
import org.equigrid.market.model.Battery;
import org.equigrid.market.negotiation.PriceUpdate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AgentPlatformIT {

  private static final HouseholdScheduler FAST = new HouseholdScheduler(0.1, 1_000, 3_000);

  private static CoordinatorSettings central(long replyMillis) {
    return CoordinatorSettings.defaults(MarketMode.CENTRAL).withReplyTimeoutMillis(replyMillis);
  }

  @Test
  void central_fiveHouseholdsTwoDays_allBillsReceivedAndTraceSummarised(@TempDir Path dir)
      throws Exception {
    Set<Thread> before = nonDaemonThreads();
    StringBuilder narration = new StringBuilder();
    List<HouseholdSetup> setups = Community.five(2);
    setups.set(1, setups.get(1).withStrategy(BiddingStrategy.inflatePeak(1.5, 17, 21)));
    setups.set(3, setups.get(3).withStrategy(BiddingStrategy.withholdFlexibility()));
    List<DayResult> results;
    try (TraceWriter trace = TraceWriter.inDirectory(dir)) {
      ProtocolObserver observer =
          ProtocolObserver.all(trace, new Narrator(narration, AgentPlatform.COORDINATOR));
      try (AgentPlatform platform =
          AgentPlatform.boot(
              PlatformOptions.loopback(),
              central(10_000),
              Community::terms,
              new GridOnlyMarket(),
              observer,
              FAST)) {
        platform.addHouseholds(setups);
        platform.awaitParticipants(5);
        results = platform.runDays(2);

        Map<String, List<Message.SettlementInform>> bills = platform.settlementsReceived();
        assertThat(bills).containsOnlyKeys("h1", "h2", "h3", "h4", "h5");
        bills
            .values()
            .forEach(
                list ->
                    assertThat(list)
                        .extracting(Message.SettlementInform::day)
                        .containsExactly(0, 1));
        assertThat(bills.get("h1").get(0).billEur())
            .isCloseTo(Community.flatLoadGridBill(), within(1e-9));
      }
    }
    for (DayResult r : results) {
      assertThat(r.settled()).containsOnlyKeys("h1", "h2", "h3", "h4", "h5");
      assertThat(r.standalone()).isEmpty();
      assertThat(r.rounds()).isEqualTo(1);
      assertThat(r.strategyByHousehold())
          .containsEntry("h1", "truthful")
          .containsEntry("h2", "inflate-peak")
          .containsEntry("h4", "withhold-flexibility");
    }
    // The inflated evening is what h2 was billed on: 1.5 × its true evening load.
    double trueEvening = 1.2 * 1.2;
    assertThat(results.get(0).settled().get("h2").schedule().importKwh()[18])
        .isCloseTo(1.5 * trueEvening, within(1e-9));

    TraceSummary summary = TraceSummary.read(dir);
    assertThat(summary.byPerformative())
        .containsEntry("REQUEST", 5L)
        .containsEntry("CFP", 10L)
        .containsEntry("PROPOSE", 10L)
        .containsEntry("ACCEPT-PROPOSAL", 10L)
        .containsEntry("INFORM", 15L);
    assertThat(summary.byPhase()).containsEntry("settle", 10L).containsEntry("join", 10L);
    assertThat(summary.roundsByDay()).containsExactly(Map.entry(0, 1), Map.entry(1, 1));
    assertThat(summary.bidLatencyCount()).isEqualTo(10);
    assertThat(narration.toString())
        .contains("call for proposals for day 0")
        .contains("bill 2.60 EUR")
        .contains("cleared: 5 settled, 0 standalone");
    assertNoLingeringThreads(before);
  }

  @Test
  void awaitParticipants_householdNeverJoins_returnsItAndTheDayGoesOnWithoutIt() throws Exception {
    // Long enough for five real joins on a loaded 2-core machine (a join is resent after 2 s);
    // after the last of them the test waits all of it for h9, which never joins.
    PlatformOptions shortJoin = new PlatformOptions("127.0.0.1", 0, "equigrid", 8_000, 600_000);
    try (AgentPlatform platform =
        AgentPlatform.boot(
            shortJoin,
            central(3_000),
            Community::terms,
            new GridOnlyMarket(),
            ProtocolObserver.none(),
            FAST)) {
      platform.addHouseholds(Community.five(1));

      // "h9" is expected but never started: it cannot join
      var missing = platform.awaitParticipants(List.of("h1", "h2", "h3", "h4", "h5", "h9"));
      DayResult day = platform.runDay(0);

      assertThat(missing).containsExactly("h9");
      assertThat(day.settled()).containsOnlyKeys("h1", "h2", "h3", "h4", "h5");
    }
  }

  @Test
  void central_householdKilledBeforeItBids_dayCompletesWithItStandalone() throws Exception {
    try (AgentPlatform platform =
        AgentPlatform.boot(
            PlatformOptions.loopback(),
            central(3_000),
            Community::terms,
            new GridOnlyMarket(),
            ProtocolObserver.none(),
            FAST)) {
      platform.addHouseholds(Community.five(1));
      platform.awaitParticipants(5);
      platform.killHousehold("h3");

      DayResult day = platform.runDay(0);

      assertThat(day.settled()).containsOnlyKeys("h1", "h2", "h4", "h5");
      assertThat(day.standalone()).containsOnlyKeys("h3");
      assertThat(day.standalone().get("h3"))
          .isIn("agent unreachable", "no answer before the deadline");
    }
  }

  @Test
  void coordinator_senderNotRegistered_refusedAndGarbageNotUnderstood() throws Exception {
    BlockingQueue<ACLMessage> replies = new LinkedBlockingQueue<>();
    try (AgentPlatform platform =
        AgentPlatform.boot(
            PlatformOptions.loopback(),
            central(3_000),
            Community::terms,
            new GridOnlyMarket(),
            ProtocolObserver.none(),
            FAST)) {
      platform.host("rogue", new Probe(replies));

      ACLMessage first = replies.poll(20, TimeUnit.SECONDS);
      ACLMessage second = replies.poll(20, TimeUnit.SECONDS);

      Map<Integer, String> reasons =
          Map.of(
              first.getPerformative(),
                  ((Message.Problem) MessageCodec.decode(first.getContent())).reason(),
              second.getPerformative(),
                  ((Message.Problem) MessageCodec.decode(second.getContent())).reason());
      assertThat(reasons.get(ACLMessage.REFUSE))
          .startsWith(ReceiptCheck.NOT_REGISTERED)
          .contains("rogue");
      assertThat(reasons.get(ACLMessage.NOT_UNDERSTOOD)).startsWith("The content is not JSON");
    }
  }

  @Test
  void decentralised_supplyDemandRatioPrices_roundsRecordedAndEveryoneSettles() throws Exception {
    List<HouseholdSetup> setups =
        List.of(
            Community.consumer("c1", Community.eveningLoad(1.0), 1)
                .withAppliances(List.of(new DeferrableAppliance("washer", 8, 20, 1.5, 1.5))),
            Community.consumer("c2", Community.flatLoad(), 1),
            Community.prosumer("p1", 5.0, Battery.ofRoundTrip(4.0, 2.0, 0.9), 1));
    CoordinatorSettings settings =
        CoordinatorSettings.defaults(MarketMode.DECENTRALISED)
            .withReplyTimeoutMillis(20_000)
            .withPriceUpdate(PriceUpdate.SUPPLY_DEMAND_RATIO);
    try (AgentPlatform platform =
        AgentPlatform.boot(
            PlatformOptions.loopback(),
            settings,
            Community::terms,
            new GridOnlyMarket(),
            ProtocolObserver.none(),
            FAST)) {
      platform.addHouseholds(setups);
      platform.awaitParticipants(3);

      DayResult day = platform.runDay(0);

      assertThat(day.rounds()).isBetween(2, settings.maxRounds());
      assertThat(day.converged())
          .as("stopped before the round limit only when converged")
          .isEqualTo(day.rounds() < settings.maxRounds() || day.converged());
      assertThat(day.awardedRound()).isBetween(0, day.rounds() - 1);
      assertThat(day.settled()).containsOnlyKeys("c1", "c2", "p1");
      double[] prices = day.announcedPriceEurPerKwh();
      for (int t = 0; t < 24; t++) {
        assertThat(prices[t])
            .isBetween(
                Community.EXPORT - 1e-12, Community.tariff().importPriceEurPerKwh()[t] + 1e-12);
      }
      // Midday PV surplus drives the pool price there towards the export price.
      assertThat(prices[12]).isLessThan(prices[2]);
    }
  }

  /** Sends a bid without joining, then garbage, and queues the replies. */
  private static final class Probe extends Agent {
    private static final long serialVersionUID = 1L;
    private final transient BlockingQueue<ACLMessage> replies;

    Probe(BlockingQueue<ACLMessage> replies) {
      this.replies = replies;
    }

    @Override
    protected void setup() {
      addBehaviour(
          new OneShotBehaviour() {
            private static final long serialVersionUID = 1L;

            @Override
            public void action() {
              AID coordinator = new AID(AgentPlatform.COORDINATOR, AID.ISLOCALNAME);
              Message bid =
                  new Message.Bid(
                      "rogue",
                      0,
                      new double[24],
                      new double[24],
                      0,
                      null,
                      0,
                      null,
                      List.of(),
                      10,
                      10,
                      null,
                      null,
                      "truthful");
              send(Acl.create(ACLMessage.PROPOSE, coordinator, bid, "day-0", 0, 0, 0));
              ACLMessage garbage = new ACLMessage(ACLMessage.INFORM);
              garbage.addReceiver(coordinator);
              garbage.setContent("{not json");
              send(garbage);
              for (int k = 0; k < 2; k++) {
                replies.add(blockingReceive());
              }
            }
          });
    }
  }

  private static Set<Thread> nonDaemonThreads() {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(t -> !t.isDaemon() && t.isAlive())
        .collect(Collectors.toSet());
  }

  private static void assertNoLingeringThreads(Set<Thread> before) throws InterruptedException {
    Set<Thread> extra = Set.of();
    for (int attempt = 0; attempt < 150; attempt++) {
      extra =
          nonDaemonThreads().stream().filter(t -> !before.contains(t)).collect(Collectors.toSet());
      if (extra.isEmpty()) {
        return;
      }
      Thread.sleep(100);
    }
    StringBuilder stacks = new StringBuilder();
    for (Thread t : extra) {
      stacks.append(t.getName()).append('\n');
      for (StackTraceElement e : t.getStackTrace()) {
        stacks.append("    ").append(e).append('\n');
      }
    }
    assertThat(extra).as(stacks.toString()).extracting(Thread::getName).isEmpty();
  }
}
