package org.equigrid.experiments.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.equigrid.experiments.output.ResultsWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** Whole runs through the command line: reproducibility, exit codes, messages. */
class RunCommandIT {

  private static final List<String> FILES =
      List.of(
          ResultsWriter.HOUSEHOLDS_CSV,
          ResultsWriter.INTERVALS_CSV,
          ResultsWriter.GROUPS_CSV,
          ResultsWriter.EXPLANATIONS_CSV,
          ResultsWriter.SUMMARY_JSON);

  @Test
  void run_sameScenarioAndSeedTwice_writesByteIdenticalFiles(@TempDir Path tmp) throws Exception {
    Path first = tmp.resolve("first");
    Path second = tmp.resolve("second");
    String scenario = ScenarioOptions.resolve("quickstart").toString();
    assertThat(
            execute("run", scenario, "--days", "2", "--seed", "11", "--out", first.toString())
                .exit())
        .isZero();
    assertThat(
            execute("run", scenario, "--days", "2", "--seed", "11", "--out", second.toString())
                .exit())
        .isZero();
    for (String file : FILES) {
      assertThat(Files.readAllBytes(second.resolve(file)))
          .as(file)
          .isEqualTo(Files.readAllBytes(first.resolve(file)));
    }
    String summary = Files.readString(first.resolve(ResultsWriter.SUMMARY_JSON));
    assertThat(summary).contains("\"seed\" : 11").contains("\"scenario\" : \"quickstart\"");
  }

  @Test
  void run_otherSeed_changesResults(@TempDir Path tmp) throws Exception {
    String scenario = ScenarioOptions.resolve("quickstart").toString();
    execute("run", scenario, "--days", "1", "--seed", "1", "--out", tmp.resolve("a").toString());
    execute("run", scenario, "--days", "1", "--seed", "2", "--out", tmp.resolve("b").toString());
    assertThat(Files.readString(tmp.resolve("b").resolve(ResultsWriter.HOUSEHOLDS_CSV)))
        .isNotEqualTo(Files.readString(tmp.resolve("a").resolve(ResultsWriter.HOUSEHOLDS_CSV)));
  }

  @Test
  void run_quarterHourIntervals_clearsNinetySixIntervalsAndBalancesBills(@TempDir Path tmp)
      throws Exception {
    Path out = tmp.resolve("q");
    Result result =
        execute(
            "run",
            ScenarioOptions.resolve("quickstart").toString(),
            "--days",
            "1",
            "--set",
            "horizon.intervalMinutes=15",
            "--set",
            "community.generate.households=4",
            "--out",
            out.toString());
    assertThat(result.exit()).as(result.err()).isZero();
    List<String> intervals = Files.readAllLines(out.resolve(ResultsWriter.INTERVALS_CSV));
    assertThat(intervals).hasSize(1 + 96);
    com.fasterxml.jackson.databind.JsonNode day =
        new com.fasterxml.jackson.databind.ObjectMapper()
            .readTree(out.resolve(ResultsWriter.SUMMARY_JSON).toFile())
            .get("dayResults")
            .get(0);
    assertThat(day.at("/solver/status").asText()).isEqualTo("OPTIMAL");
    assertThat(day.at("/settlement/billTotalEur").asDouble())
        .isCloseTo(
            day.get("communityCostEur").asDouble(), org.assertj.core.api.Assertions.within(1e-5));
  }

  @Test
  void run_referenceScenariosOnEightHouseholds_balanceBillsAndCheckTheCore(@TempDir Path tmp)
      throws Exception {
    for (String name : List.of("s4-p2p-cost", "s5-p2p-static-equity")) {
      Path out = tmp.resolve(name);
      Result result =
          execute(
              "run",
              ScenarioOptions.resolve(name).toString(),
              "--days",
              "1",
              "--set",
              "community.generate.households=8",
              "--out",
              out.toString());
      assertThat(result.exit()).as(result.err()).isZero();
      com.fasterxml.jackson.databind.JsonNode day =
          new com.fasterxml.jackson.databind.ObjectMapper()
              .readTree(out.resolve(ResultsWriter.SUMMARY_JSON).toFile())
              .get("dayResults")
              .get(0);
      assertThat(day.at("/settlement/method").asText()).as(name).isEqualTo("exact");
      assertThat(day.at("/settlement/billTotalEur").asDouble())
          .as(name + " budget balance")
          .isCloseTo(
              day.get("communityCostEur").asDouble(), org.assertj.core.api.Assertions.within(1e-5));
      assertThat(day.at("/settlement/core/scope").asText()).isEqualTo("all coalitions");
      assertThat(day.at("/settlement/core/coalitionsChecked").asLong()).isEqualTo((1L << 8) - 2);
      boolean inCore = day.at("/settlement/core/inCore").asBoolean();
      double maxExcess = day.at("/settlement/core/maxExcessEur").asDouble();
      assertThat(inCore).as(name + " in core iff no positive excess").isEqualTo(maxExcess <= 1e-6);
      assertThat(day.at("/settlement/core/leastCoreEpsilonEur").isNumber()).isTrue();
    }
  }

  @Test
  void run_settlementRule_namedInSummaryAndBillsBalance(@TempDir Path tmp) throws Exception {
    Path out = tmp.resolve("r");
    Result result =
        execute(
            "run",
            ScenarioOptions.resolve("quickstart").toString(),
            "--days",
            "1",
            "--set",
            "community.generate.households=4",
            "--set",
            "settlement.rule=rawlsian",
            "--out",
            out.toString());
    assertThat(result.exit()).as(result.err()).isZero();
    com.fasterxml.jackson.databind.JsonNode summary =
        new com.fasterxml.jackson.databind.ObjectMapper()
            .readTree(out.resolve(ResultsWriter.SUMMARY_JSON).toFile());
    assertThat(summary.get("settlementRule").asText()).isEqualTo("rawlsian");
    assertThat(summary.get("rawlsianObjective").asText()).isEqualTo("relative-savings");
    com.fasterxml.jackson.databind.JsonNode day = summary.get("dayResults").get(0);
    assertThat(day.at("/settlement/rule").asText()).isEqualTo("rawlsian");
    assertThat(day.at("/settlement/rawlsianOptimum").isNumber()).isTrue();
    assertThat(day.at("/settlement/billTotalEur").asDouble())
        .isCloseTo(
            day.get("communityCostEur").asDouble(), org.assertj.core.api.Assertions.within(1e-5));

    Result bad =
        execute(
            "run",
            ScenarioOptions.resolve("quickstart").toString(),
            "--set",
            "settlement.rule=rawlsain",
            "--out",
            tmp.resolve("x").toString());
    assertThat(bad.exit()).isEqualTo(EquigridCommand.EXIT_BAD_INPUT);
    assertThat(bad.err())
        .contains("quickstart.yaml")
        .contains("settlement.rule")
        .contains("rawlsain")
        .contains("weighted-shapley, shapley, market, rawlsian")
        .contains("Maybe you meant rawlsian?");
  }

  @Test
  void run_badOverride_exitsTwoNamingFieldAndValue(@TempDir Path tmp) {
    Result result =
        execute(
            "run",
            ScenarioOptions.resolve("quickstart").toString(),
            "--set",
            "community.generate.batteryShare=1.5",
            "--out",
            tmp.resolve("x").toString());
    assertThat(result.exit()).isEqualTo(EquigridCommand.EXIT_BAD_INPUT);
    assertThat(result.err()).contains("community.generate.batteryShare").contains("1.5");
    assertThat(tmp.resolve("x")).doesNotExist();
  }

  @Test
  void run_missingScenario_exitsTwoNamingTheFile(@TempDir Path tmp) {
    Result result = execute("run", tmp.resolve("nope.yaml").toString());
    assertThat(result.exit()).isEqualTo(EquigridCommand.EXIT_BAD_INPUT);
    assertThat(result.err()).contains("nope.yaml");
  }

  @Test
  void clear_printsSolverOutcomeAsJson(@TempDir Path tmp) throws Exception {
    Path mps = tmp.resolve("day0.mps");
    Result result =
        execute(
            "clear",
            ScenarioOptions.resolve("quickstart").toString(),
            "--export-mps",
            mps.toString());
    assertThat(result.exit()).isZero();
    assertThat(result.out())
        .contains("\"status\":\"OPTIMAL\"")
        .contains("\"objective\":")
        .contains("\"lpBound\":")
        .contains("\"gap\":")
        .contains("\"solveSeconds\":");
    assertThat(Files.readString(mps)).contains("ROWS").contains("COLUMNS").contains("ENDATA");
  }

  @Test
  void run_onlineLearningWithoutAgentsOrWithoutPolicy_badInputWithTheWayOut(@TempDir Path tmp) {
    String s6 = ScenarioOptions.resolve("s6-p2p-adaptive-equity").toString();

    Result noAgents = execute("run", s6, "--online-learning", "--out", tmp.resolve("a").toString());
    // S6 ships a policy: take it away
    Result noPolicy =
        execute(
            "run",
            s6,
            "--agents",
            "--online-learning",
            "--days",
            "1",
            "--set",
            "equity.adaptive.policy=null",
            "--out",
            tmp.resolve("b").toString());

    assertThat(noAgents.exit()).isEqualTo(EquigridCommand.EXIT_BAD_INPUT);
    assertThat(noAgents.err()).contains("--online-learning need --agents");
    assertThat(noPolicy.exit()).isEqualTo(EquigridCommand.EXIT_BAD_INPUT);
    assertThat(noPolicy.err())
        .contains("--online-learning needs a trained policy")
        .contains("--set equity.adaptive.policy=");
    assertThat(tmp.resolve("b")).doesNotExist();
  }

  private record Result(int exit, String out, String err) {}

  private static Result execute(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine commandLine = EquigridCommand.commandLine();
    commandLine.setOut(new PrintWriter(out, true));
    commandLine.setErr(new PrintWriter(err, true));
    java.io.PrintStream originalOut = System.out;
    java.io.ByteArrayOutputStream captured = new java.io.ByteArrayOutputStream();
    System.setOut(new java.io.PrintStream(captured, true, java.nio.charset.StandardCharsets.UTF_8));
    try {
      int exit = commandLine.execute(args);
      return new Result(
          exit, out + captured.toString(java.nio.charset.StandardCharsets.UTF_8), err.toString());
    } finally {
      System.setOut(originalOut);
    }
  }
}
