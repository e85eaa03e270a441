package org.equigrid.agents.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Property;
import org.equigrid.agents.coordinator.CoordinatorAgent;
import org.equigrid.agents.coordinator.CoordinatorSettings;
import org.equigrid.agents.coordinator.MarketMode;
import org.equigrid.agents.learning.Ppo;
import org.equigrid.agents.learning.equity.DailyObservation;
import org.equigrid.agents.learning.equity.DayEvaluator;
import org.equigrid.agents.learning.equity.DayOutcome;
import org.equigrid.agents.learning.equity.EquityEnvironment;
import org.equigrid.agents.learning.equity.EquityPolicy;
import org.equigrid.agents.learning.equity.TrainingSettings;
import org.equigrid.agents.protocol.Narrator;
import org.equigrid.agents.protocol.ProtocolObserver;
import org.equigrid.agents.protocol.TraceEvent;
import org.equigrid.agents.protocol.TraceSummary;
import org.equigrid.agents.protocol.TraceWriter;
import org.equigrid.config.Scenario;
import org.equigrid.config.ScenarioReader;
import org.equigrid.market.day.SettledDay;
import org.equigrid.market.settlement.SettlementOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The equity learner on a JADE platform: s6 (adaptive weights) with five households for three days.
 */
class EquityLearnerIT {

  @TempDir Path dir;

  private static Path scenarioFile() {
    for (Path d = Path.of("").toAbsolutePath(); d != null; d = d.getParent()) {
      Path file = d.resolve("config/scenarios/s6-p2p-adaptive-equity.yaml");
      if (Files.exists(file)) {
        return file;
      }
    }
    throw new IllegalStateException("config/scenarios/s6-p2p-adaptive-equity.yaml not found");
  }

  /**
   * s6 with five households and three days, its policy an untrained (seeded) PPO learner's
   * checkpoint.
   */
  private Scenario adaptiveScenario() throws Exception {
    Map<String, String> small = Map.of("community.generate.households", "5", "horizon.days", "3");
    Scenario plain = ScenarioReader.read(scenarioFile(), small);
    TrainingSettings settings = TrainingSettings.defaults(11, 3);
    EquityEnvironment shape =
        new EquityEnvironment(
            new DayEvaluator(plain, settings.environmentOptions()), settings.environmentOptions());
    Path checkpoint = dir.resolve("policy.ckpt");
    new Ppo(shape, settings.ppoConfig()).save(checkpoint);
    settings.writeFor(checkpoint);
    Map<String, String> adaptive = new java.util.HashMap<>(small);
    adaptive.put("equity.adaptive.policy", checkpoint.toString());
    return ScenarioReader.read(scenarioFile(), adaptive);
  }

  private static ScenarioRun.Options options() {
    return new ScenarioRun.Options(
        CoordinatorSettings.defaults(MarketMode.CENTRAL).withReplyTimeoutMillis(20_000),
        PlatformOptions.loopback(),
        SettlementOptions.defaults(),
        Map.of(),
        java.util.Set.of(),
        0);
  }

  /** The weights the policy chooses after each settled day, computed apart from the platform. */
  private static List<Map<String, Double>> policyWeights(Scenario scenario, List<SettledDay> days) {
    EquityPolicy policy = EquityPolicy.load(scenario.adaptiveEquity().policy(), scenario);
    DailyObservation observation = DailyObservation.of(policy);
    List<Map<String, Double>> chosen = new ArrayList<>();
    for (int d = 0; d + 1 < days.size(); d++) {
      SettledDay day = days.get(d);
      DayOutcome outcome =
          DayOutcome.of(
              day.cleared(),
              day.metrics(),
              day.equity(),
              day.settlement().method(),
              policy.weightMap().groups());
      chosen.add(
          policy
              .weightMap()
              .asMap(policy.weights(observation.next(outcome, scenario.dayOfYear(d + 1)))));
    }
    return chosen;
  }

  private static Map<String, Double> weightsOf(SettledDay day) {
    return day.cleared().equity().weightByGroup();
  }

  @Test
  void adaptiveScenario_threeDays_learnerAnswersEachDayAndTheNextDayClearsWithItsWeights()
      throws Exception {
    Scenario scenario = adaptiveScenario();
    List<TraceEvent> events = Collections.synchronizedList(new ArrayList<>());
    StringBuilder narration = new StringBuilder();
    ScenarioRun.Result result;
    try (TraceWriter trace = TraceWriter.inDirectory(dir)) {
      ProtocolObserver observer =
          ProtocolObserver.all(
              trace,
              (event, content) -> events.add(event),
              new Narrator(narration, AgentPlatform.COORDINATOR));
      result =
          ScenarioRun.run(
              scenario, options(), observer, platform -> {}, (protocol, settled, seconds) -> {});
    }

    List<TraceEvent> metricsReceived =
        events.stream()
            .filter(
                e ->
                    e.agent().equals(AgentPlatform.LEARNER)
                        && e.direction().equals(TraceEvent.RECEIVED))
            .toList();
    assertThat(metricsReceived)
        .extracting(TraceEvent::messageType, TraceEvent::performative, TraceEvent::day)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("EquityMetrics", "INFORM", 0),
            org.assertj.core.groups.Tuple.tuple("EquityMetrics", "INFORM", 1),
            org.assertj.core.groups.Tuple.tuple("EquityMetrics", "INFORM", 2));
    List<SettledDay> days = result.days();
    assertThat(weightsOf(days.get(0))).isEqualTo(scenario.equity().weightByGroup());
    List<Map<String, Double>> expected = policyWeights(scenario, days);
    assertThat(weightsOf(days.get(1)))
        .isEqualTo(expected.get(0))
        .isNotEqualTo(weightsOf(days.get(0)));
    assertThat(weightsOf(days.get(2)))
        .isEqualTo(expected.get(1))
        .isNotEqualTo(weightsOf(days.get(1)));
    assertThat(result.protocol()).allSatisfy(day -> assertThat(day.standalone()).isEmpty());

    TraceSummary summary = TraceSummary.read(dir);
    assertThat(summary.byPhase())
        .containsEntry("learn", 6L); // 3 metrics sent by the coordinator, 3 replies
    String trace = Files.readString(dir.resolve("trace.jsonl"));
    assertThat(trace).contains("\"EquityMetrics\"").contains("\"NextWeights\"");
    assertThat(narration.toString())
        .contains("coordinator -> learner: day 0 equity: Gini of burden")
        .contains("learner -> coordinator: weights for day 1: {HIGH=")
        .doesNotContain(CoordinatorAgent.KEEP_WEIGHTS);
  }

  @Test
  void adaptiveScenario_learnerKilledAfterTheFirstDay_runCompletesWithItsLastWeightsAndAWarning()
      throws Exception {
    Scenario scenario = adaptiveScenario();
    AtomicReference<AgentPlatform> platform = new AtomicReference<>();
    StringBuilder narration = new StringBuilder();
    ScenarioRun.Result result;
    try (WarningCapture warnings = new WarningCapture()) {
      result =
          ScenarioRun.run(
              scenario,
              options(),
              new Narrator(narration, AgentPlatform.COORDINATOR),
              platform::set,
              (protocol, settled, seconds) -> {
                if (protocol.day() == 0) {
                  platform.get().killAgent(AgentPlatform.LEARNER);
                }
              });
      assertThat(warnings.messages())
          .anySatisfy(
              m -> assertThat(m).startsWith("day 1: ").contains(CoordinatorAgent.KEEP_WEIGHTS));
    }

    List<SettledDay> days = result.days();
    assertThat(days).hasSize(3);
    List<Map<String, Double>> expected = policyWeights(scenario, days);
    assertThat(weightsOf(days.get(1)))
        .isEqualTo(expected.get(0))
        .isNotEqualTo(weightsOf(days.get(0)));
    assertThat(weightsOf(days.get(2))).isEqualTo(weightsOf(days.get(1)));
    assertThat(narration.toString()).contains(CoordinatorAgent.KEEP_WEIGHTS);
  }

  /** Collects the coordinator's WARN messages while open. */
  private static final class WarningCapture extends AbstractAppender implements AutoCloseable {
    private final List<String> messages = Collections.synchronizedList(new ArrayList<>());
    private final org.apache.logging.log4j.core.Logger logger =
        (org.apache.logging.log4j.core.Logger) LogManager.getLogger(CoordinatorAgent.class);

    WarningCapture() {
      super("warnings", null, null, true, Property.EMPTY_ARRAY);
      start();
      logger.addAppender(this);
    }

    @Override
    public void append(LogEvent event) {
      if (event.getLevel().isMoreSpecificThan(Level.WARN)) {
        messages.add(event.getMessage().getFormattedMessage());
      }
    }

    List<String> messages() {
      return List.copyOf(messages);
    }

    @Override
    public void close() {
      logger.removeAppender(this);
      stop();
      ((LoggerContext) LogManager.getContext(false)).updateLoggers();
    }
  }
}
