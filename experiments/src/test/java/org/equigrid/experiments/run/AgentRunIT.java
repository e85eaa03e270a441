package org.equigrid.experiments.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.equigrid.agents.coordinator.DayResult;
import org.equigrid.agents.coordinator.MarketMode;
import org.equigrid.agents.learning.Ppo;
import org.equigrid.agents.learning.equity.DayEvaluator;
import org.equigrid.agents.learning.equity.EquityEnvironment;
import org.equigrid.agents.learning.equity.EquityPolicy;
import org.equigrid.agents.learning.equity.TrainingSettings;
import org.equigrid.agents.platform.ScenarioRun;
import org.equigrid.agents.protocol.TraceSummary;
import org.equigrid.config.Scenario;
import org.equigrid.config.ScenarioReader;
import org.equigrid.experiments.learning.AdaptiveWeights;
import org.equigrid.experiments.output.Manifest;
import org.equigrid.experiments.output.ResultsWriter;
import org.equigrid.market.clearing.HouseholdSchedule;
import org.equigrid.market.day.SettledDay;
import org.equigrid.market.settlement.SettlementOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AgentRunIT {

  /** The shipped quickstart scenario, found by walking up from the module's working directory. */
  static Path quickstart() {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      Path candidate = dir.resolve("config/scenarios/quickstart.yaml");
      if (Files.exists(candidate)) {
        return candidate;
      }
    }
    throw new IllegalStateException(
        "config/scenarios/quickstart.yaml not found above " + Path.of("").toAbsolutePath());
  }

  /**
   * Five generated households (PV and a battery among them), two days so that batteries carry over.
   */
  static Scenario fiveHouseholds() throws Exception {
    return ScenarioReader.read(
        quickstart(), Map.of("community.generate.households", "5", "horizon.days", "2"));
  }

  static ScenarioRun.Options central() {
    return options(
        org.equigrid.agents.coordinator.CoordinatorSettings.defaults(MarketMode.CENTRAL)
            .withReplyTimeoutMillis(60_000));
  }

  /** A truthful loopback run of the agents with {@code coordinator}'s settings. */
  static ScenarioRun.Options options(
      org.equigrid.agents.coordinator.CoordinatorSettings coordinator) {
    return new ScenarioRun.Options(
        coordinator,
        org.equigrid.agents.platform.PlatformOptions.loopback(),
        SettlementOptions.defaults(),
        Map.of(),
        java.util.Set.of(),
        0);
  }

  /**
   * Each results file in {@code dir/agents} is, as text, the one in {@code dir/in-process}; with
   * {@code streamed}, also byte for byte the one in {@code dir/agents-at-the-end}.
   */
  static void assertSameResults(Path dir, boolean streamed) throws java.io.IOException {
    for (String file :
        new String[] {
          ResultsWriter.HOUSEHOLDS_CSV,
          ResultsWriter.INTERVALS_CSV,
          ResultsWriter.GROUPS_CSV,
          ResultsWriter.EXPLANATIONS_CSV,
          ResultsWriter.SUMMARY_JSON
        }) {
      assertThat(Files.readString(dir.resolve("agents").resolve(file)))
          .as(file)
          .isEqualTo(Files.readString(dir.resolve("in-process").resolve(file)));
      if (streamed) {
        assertThat(Files.readAllBytes(dir.resolve("agents").resolve(file)))
            .as("%s streamed", file)
            .isEqualTo(Files.readAllBytes(dir.resolve("agents-at-the-end").resolve(file)));
      }
    }
  }

  /** A progress listener that keeps every day it is told (the run itself drops them). */
  static ProgressListener collecting(List<SettledDay> days) {
    return (finished, total, day, seconds) -> days.add(day);
  }

  /**
   * Also: the results the agent run streams day by day ({@link AgentRunner#runWritingResults}) are,
   * byte for byte, those written at the end from its days, and those of the in-process run.
   */
  @Test
  void central_truthfulFiveHouseholdsTwoDays_byteIdenticalToInProcess(@TempDir Path dir)
      throws Exception {
    Scenario scenario = fiveHouseholds();
    RunResult inProcess = new ScenarioRunner(ProgressListener.silent()).run(scenario);
    List<SettledDay> streamed = new ArrayList<>();
    List<DayResult> told = new ArrayList<>();
    AgentRunner.Outcome agents =
        new AgentRunner(central(), collecting(streamed), null, platform -> {})
            .alsoTelling((protocol, settled, seconds) -> told.add(protocol))
            .runWritingResults(scenario, dir.resolve("agents"), new ResultsWriter("test"));
    assertThat(agents.run().days()).as("dropped once written").isEmpty();
    assertThat(agents.agents().protocol()).as("dropped once handed on").isEmpty();
    assertThat(Manifest.verified(dir.resolve("agents"), ResultsWriter.RESULT_FILES)).isTrue();

    assertThat(agents.agents().standalone()).isEmpty();
    assertThat(told).extracting(DayResult::day).containsExactly(0, 1);
    assertThat(told).allSatisfy(day -> assertThat(day.standalone()).isEmpty());
    for (int d = 0; d < 2; d++) {
      SettledDay a = inProcess.days().get(d);
      SettledDay b = streamed.get(d);
      assertThat(b.settlement().billEur()).containsExactly(a.settlement().billEur(), within(1e-9));
      assertThat(b.settlement().shareEur())
          .containsExactly(a.settlement().shareEur(), within(1e-9));
      for (int i = 0; i < 5; i++) {
        HouseholdSchedule x = a.cleared().dispatch().schedules().get(i);
        HouseholdSchedule y = b.cleared().dispatch().schedules().get(i);
        assertThat(y.importKwh()).containsExactly(x.importKwh(), within(1e-9));
        assertThat(y.socKwh()).containsExactly(x.socKwh(), within(1e-9));
        assertThat(b.explanations().get(i).sentence())
            .isEqualTo(a.explanations().get(i).sentence());
      }
      // What each household agent was told is what the results say.
      for (int i = 0; i < 5; i++) {
        String id = scenario.households().get(i).id();
        assertThat(told.get(d).settled().get(id).billEur())
            .isCloseTo(a.settlement().billEur()[i], within(1e-9));
      }
    }
    ResultsWriter writer = new ResultsWriter("test");
    writer.write(inProcess, dir.resolve("in-process"));
    writer.write(new RunResult(scenario, streamed), dir.resolve("agents-at-the-end"));
    assertSameResults(dir, true);
    TraceSummary trace = TraceSummary.read(agents.tracePath());
    assertThat(trace.byPerformative())
        .containsEntry("CFP", 10L)
        .containsEntry("PROPOSE", 10L)
        .containsEntry("ACCEPT-PROPOSAL", 10L);
  }

  /**
   * A shipped flexible-demand scenario ({@code flex-ev}, {@code flex-appliances}) for one day with
   * {@code households} generated households (fewer than shipped: with appliances every coalition is
   * a MILP).
   */
  static Scenario flexible(String name, int households) throws Exception {
    return ScenarioReader.read(
        quickstart().resolveSibling(name + ".yaml"),
        Map.of("community.generate.households", String.valueOf(households), "horizon.days", "1"));
  }

  /**
   * Truthful households bid their EVs and appliances; the central clearing models them as the
   * in-process run does, so the results files are byte-identical.
   */
  private static void assertFlexibleDemandByteIdentical(Scenario scenario, Path dir)
      throws Exception {
    long flexible = scenario.households().stream().filter(h -> h.hasFlex()).count();
    assertThat(flexible).as("households with flexible demand").isPositive();
    RunResult inProcess = new ScenarioRunner(ProgressListener.silent()).run(scenario);
    AgentRunner.Outcome agents =
        new AgentRunner(central(), ProgressListener.silent(), null, platform -> {})
            .runWritingResults(scenario, dir.resolve("agents"), new ResultsWriter("test"));
    assertThat(agents.agents().standalone()).isEmpty();
    new ResultsWriter("test").write(inProcess, dir.resolve("in-process"));
    assertSameResults(dir, false);
  }

  @Test
  void central_evsOneDay_byteIdenticalToInProcess(@TempDir Path dir) throws Exception {
    assertFlexibleDemandByteIdentical(flexible("flex-ev", 4), dir);
  }

  @Test
  void central_appliancesOneDay_byteIdenticalToInProcess(@TempDir Path dir) throws Exception {
    assertFlexibleDemandByteIdentical(flexible("flex-appliances", 3), dir);
  }

  /**
   * {@code flex-ev} negotiated by the decomposition over the agents ({@code --agents --mode
   * decentralised --negotiation decomposition}): each household's columns carry its EV's charging
   * (protocol version 5), nobody is standalone, and the community's cost of the day is the central
   * cost-minimising optimum of the whole community (EVs included) within the certified gap, never
   * below it (measured: 6.892517 EUR both, after 113 rounds).
   */
  @Test
  void decentralisedDecomposition_evsOneDay_centralOptimumWithinTheCertifiedGap(@TempDir Path dir)
      throws Exception {
    Scenario scenario = flexible("flex-ev", 4);
    Negotiated run = decentralisedDecomposition(scenario, dir);
    var gap = run.agents().gaps().get(0);
    // The awarded columns' flexible load reaches the coordinator's day (protocol v5's flexKwh).
    assertEvsChargedInTheirWindows(scenario, run.day());
    // Where an EV meets its household's PV surplus the relaxation breaks a meter's direction: the
    // rounding passes fix it, so the day is not certified against the LP bound ("converged" is
    // false) but each pass is certified within the tolerance and the answer is MILP-feasible.
    assertThat(gap.certifiedGap()).isLessThanOrEqualTo(1e-3);
  }

  /**
   * {@code flex-appliances} (three households, dishwashers) negotiated by the decomposition over
   * the agents: the households answer their MILP (integer starts, the starts in their columns), the
   * restricted master IP awards whole starts, and the community's cost is the central MILP optimum
   * within the gap certified against the Dantzig–Wolfe bound, never below it.
   */
  @Test
  void decentralisedDecomposition_appliancesOneDay_centralOptimumWithinTheCertifiedGap(
      @TempDir Path dir) throws Exception {
    decentralisedDecomposition(flexible("flex-appliances", 3), dir);
  }

  /**
   * Runs {@code scenario} decentralised by the decomposition over the agents; asserts nobody is
   * standalone and the day's community cost lies between the central optimum and the optimum plus
   * the certified gap; returns the run and the coordinator's day.
   */
  private static Negotiated decentralisedDecomposition(Scenario scenario, Path dir)
      throws Exception {
    Negotiated run =
        negotiated(scenario, dir, org.equigrid.market.negotiation.NegotiationName.DECOMPOSITION);
    var gap = run.agents().gaps().get(0);
    double scale = Math.max(1, Math.abs(gap.centralOptimumEur()));
    assertThat(gap.gapEur()).isBetween(-1e-6 * scale, gap.certifiedGap() * scale + 1e-6 * scale);
    return run;
  }

  /** A decentralised agent run of one day: what the runner returned and the coordinator's day. */
  private record Negotiated(AgentRunner.Outcome agents, DayResult day) {}

  /**
   * Runs {@code scenario} (one day, with flexible demand) decentralised by {@code mechanism} over
   * the agents; asserts it is not refused, nobody is standalone, the results are written and one
   * day's gap is reported.
   */
  private static Negotiated negotiated(
      Scenario scenario, Path dir, org.equigrid.market.negotiation.NegotiationName mechanism)
      throws Exception {
    assertThat(scenario.households().stream().filter(h -> h.hasFlex()).count()).isPositive();
    ScenarioRun.Options options =
        options(
            org.equigrid.agents.coordinator.CoordinatorSettings.defaults(MarketMode.DECENTRALISED)
                .withNegotiation(mechanism)
                .withReplyTimeoutMillis(60_000));
    assertThat(
            org.equigrid.agents.platform.ScenarioAgents.unsupported(
                scenario, options.coordinator()))
        .isEmpty();
    List<DayResult> told = new ArrayList<>();
    AgentRunner.Outcome agents =
        new AgentRunner(options, ProgressListener.silent(), null, platform -> {})
            .alsoTelling((protocol, settled, seconds) -> told.add(protocol))
            .runWritingResults(scenario, dir.resolve("agents"), new ResultsWriter("test"));
    assertThat(agents.agents().standalone()).isEmpty();
    assertThat(Manifest.verified(dir.resolve("agents"), ResultsWriter.RESULT_FILES)).isTrue();
    assertThat(told).hasSize(1);
    assertThat(agents.gaps()).hasSize(1);
    return new Negotiated(agents, told.get(0));
  }

  /**
   * {@code flex-ev} negotiated by the tâtonnement over the agents: each household schedules its
   * EV's charging against the announced prices (Choco, {@code HouseholdScheduler}), every EV gets
   * its energy in its plug-in window, nobody is standalone, and the day's cost is at or above the
   * central optimum (the tâtonnement is a heuristic: no bound is certified).
   */
  @Test
  void decentralisedTatonnement_evsOneDay_everyEvChargedInItsWindowAndResultsWritten(
      @TempDir Path dir) throws Exception {
    Scenario scenario = flexible("flex-ev", 4);
    assertEvsChargedInTheirWindows(scenario, decentralisedTatonnement(scenario, dir));
  }

  /**
   * Every household's awarded flexible load in {@code day}: its EV's energy by departure, only in
   * its plug-in window and at most {@code P·Δt} an interval; none for a household without an EV.
   */
  private static void assertEvsChargedInTheirWindows(Scenario scenario, DayResult day) {
    double dt = scenario.intervalHours();
    for (var h : scenario.households()) {
      var ev = h.flex().ev();
      if (ev == null) {
        assertThat(day.flexKwhByHousehold()).doesNotContainKey(h.id());
        continue;
      }
      double[] flex = day.flexKwhByHousehold().get(h.id());
      assertThat(flex).as(h.id()).isNotNull();
      for (int t = 0; t < flex.length; t++) {
        assertThat(flex[t])
            .as("%s at %d", h.id(), t)
            .isBetween(-1e-9, ev.plugged(t, dt) ? ev.maxPowerKw() * dt + 1e-9 : 1e-9);
      }
      assertThat(java.util.Arrays.stream(flex).sum())
          .as("%s charged by departure", h.id())
          .isCloseTo(ev.energyKwh(), within(1e-6));
    }
  }

  /**
   * {@code flex-appliances} (three households, dishwashers) negotiated by the tâtonnement over the
   * agents: each household starts its appliance once, whole, inside its window.
   */
  @Test
  void decentralisedTatonnement_appliancesOneDay_eachRunOnceInItsWindowAndResultsWritten(
      @TempDir Path dir) throws Exception {
    Scenario scenario = flexible("flex-appliances", 3);
    DayResult day = decentralisedTatonnement(scenario, dir);
    double dt = scenario.intervalHours();
    for (var h : scenario.households()) {
      if (!h.flex().hasAppliances()) {
        continue;
      }
      assertThat(h.flex().ev()).isNull();
      assertThat(h.flex().appliances()).hasSize(1);
      var a = h.flex().appliances().get(0);
      double[] flex = day.flexKwhByHousehold().get(h.id());
      assertThat(flex).as(h.id()).isNotNull();
      List<Integer> running = new ArrayList<>();
      for (int t = 0; t < flex.length; t++) {
        if (flex[t] > 1e-9) {
          assertThat(flex[t]).as("%s at %d", h.id(), t).isCloseTo(a.powerKw() * dt, within(1e-9));
          running.add(t);
        }
      }
      int d = a.durationIntervals(dt);
      assertThat(running).as("%s runs once, whole", h.id()).hasSize(d);
      int start = running.get(0);
      assertThat(running.get(d - 1)).isEqualTo(start + d - 1);
      assertThat(a.canStart(start, dt)).as("%s starts at %d in its window", h.id(), start).isTrue();
    }
  }

  /**
   * Runs {@code scenario} (one day) decentralised by the tâtonnement over the agents; asserts it is
   * not refused, nobody is standalone, the results are written and the day's community cost is not
   * below the central optimum; returns the coordinator's day.
   */
  private static DayResult decentralisedTatonnement(Scenario scenario, Path dir) throws Exception {
    Negotiated run =
        negotiated(scenario, dir, org.equigrid.market.negotiation.NegotiationName.TATONNEMENT);
    assertThat(run.day().scheduleNoteByHousehold().values())
        .allSatisfy(
            note ->
                assertThat(note.equals("optimal") || note.endsWith("nothing to schedule"))
                    .as(note)
                    .isTrue());
    var gap = run.agents().gaps().get(0);
    assertThat(gap.gapEur()).isGreaterThanOrEqualTo(-1e-6 * Math.max(1, gap.centralOptimumEur()));
    return run.day();
  }

  /**
   * s6 (adaptive weights) with five households for three days; its policy a seeded, untrained PPO
   * checkpoint.
   */
  static Scenario adaptiveFiveHouseholds(Path dir) throws Exception {
    Path file = quickstart().resolveSibling("s6-p2p-adaptive-equity.yaml");
    Map<String, String> small = Map.of("community.generate.households", "5", "horizon.days", "3");
    Scenario plain = ScenarioReader.read(file, small);
    TrainingSettings settings = TrainingSettings.defaults(7, 3);
    EquityEnvironment shape =
        new EquityEnvironment(
            new DayEvaluator(plain, settings.environmentOptions()), settings.environmentOptions());
    Path checkpoint = dir.resolve("policy.ckpt");
    new Ppo(shape, settings.ppoConfig()).save(checkpoint);
    settings.writeFor(checkpoint);
    Map<String, String> adaptive = new java.util.HashMap<>(small);
    adaptive.put("equity.adaptive.policy", checkpoint.toString());
    return ScenarioReader.read(file, adaptive);
  }

  @Test
  void central_adaptiveWeightsThreeDays_learnerAgentRunByteIdenticalToInProcessAdaptiveWeights(
      @TempDir Path dir) throws Exception {
    Scenario scenario = adaptiveFiveHouseholds(dir);
    RunResult inProcess =
        new ScenarioRunner(
                ProgressListener.silent(),
                SettlementOptions.defaults(),
                new AdaptiveWeights(
                    scenario, EquityPolicy.load(scenario.adaptiveEquity().policy(), scenario)))
            .run(scenario);
    List<SettledDay> streamed = new ArrayList<>();
    AgentRunner.Outcome agents =
        new AgentRunner(central(), collecting(streamed), null, platform -> {})
            .runWritingResults(scenario, dir.resolve("agents"), new ResultsWriter("test"));

    assertThat(agents.agents().protocol()).as("dropped once handed on").isEmpty();
    assertThat(agents.agents().standalone()).isEmpty();
    for (int d = 0; d < 3; d++) {
      assertThat(streamed.get(d).cleared().equity())
          .isEqualTo(inProcess.days().get(d).cleared().equity());
    }
    // The policy did change the weights: day 0 runs with s6's static weights, day 1 with the
    // policy's.
    assertThat(inProcess.days().get(1).cleared().equity().weightByGroup())
        .isNotEqualTo(inProcess.days().get(0).cleared().equity().weightByGroup());
    ResultsWriter writer = new ResultsWriter("test");
    writer.write(inProcess, dir.resolve("in-process"));
    writer.write(new RunResult(scenario, streamed), dir.resolve("agents-at-the-end"));
    assertSameResults(dir, true);
    TraceSummary trace = TraceSummary.read(agents.tracePath());
    assertThat(trace.byPhase()).containsEntry("learn", 6L);
  }
}
