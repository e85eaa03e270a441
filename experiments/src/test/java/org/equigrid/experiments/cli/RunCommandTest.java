package org.equigrid.experiments.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.equigrid.agents.coordinator.MarketMode;
import org.equigrid.agents.platform.ScenarioAgents;
import org.equigrid.market.day.DayPipeline;
import org.equigrid.market.negotiation.NegotiationName;
import org.equigrid.market.negotiation.PriceUpdate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class RunCommandTest {

  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    CommandLine cli = EquigridCommand.commandLine();
    cli.setOut(new PrintWriter(new StringWriter()));
    cli.setErr(new PrintWriter(err));
    return cli.execute(args);
  }

  @Test
  void parsePriceUpdate_absent_isTheCoordinatorDefault() throws BadInputException {
    assertThat(RunCommand.parsePriceUpdate(null, MarketMode.DECENTRALISED))
        .isEqualTo(PriceUpdate.MARGINAL);
    assertThat(RunCommand.parsePriceUpdate(null, MarketMode.CENTRAL))
        .isEqualTo(PriceUpdate.MARGINAL);
  }

  @Test
  void parsePriceUpdate_namedRules_decentralised() throws BadInputException {
    assertThat(RunCommand.parsePriceUpdate("supply-demand-ratio", MarketMode.DECENTRALISED))
        .isEqualTo(PriceUpdate.SUPPLY_DEMAND_RATIO);
    assertThat(RunCommand.parsePriceUpdate("SDR", MarketMode.DECENTRALISED))
        .isEqualTo(PriceUpdate.SUPPLY_DEMAND_RATIO);
    assertThat(RunCommand.parsePriceUpdate("Marginal", MarketMode.DECENTRALISED))
        .isEqualTo(PriceUpdate.MARGINAL);
  }

  @Test
  void parsePriceUpdate_unknownOrCentral_namesValueAndWayOut() {
    assertThatThrownBy(() -> RunCommand.parsePriceUpdate("walras", MarketMode.DECENTRALISED))
        .isInstanceOf(BadInputException.class)
        .hasMessageContaining("'walras'")
        .hasMessageContaining("marginal, supply-demand-ratio");
    assertThatThrownBy(() -> RunCommand.parsePriceUpdate("marginal", MarketMode.CENTRAL))
        .isInstanceOf(BadInputException.class)
        .hasMessageContaining("needs --mode decentralised");
  }

  @Test
  void run_priceUpdateWithoutAgents_exitsTwoWithAdvice() {
    assertThat(run("run", "quickstart", "--price-update", "sdr")).isEqualTo(2);
    assertThat(err.toString()).contains("--price-update").contains("need --agents");
  }

  @Test
  void run_householdCannotMeetImportLimit_dayNotSettledWithReasonExitZero(@TempDir Path dir)
      throws Exception {
    // h001 needs 0.558 kW alone at interval 8: no standalone dispatch, C0 undefined
    assertThat(
            run(
                "run",
                "quickstart",
                "--days",
                "1",
                "--set",
                "tariff.importLimitKw=0.5",
                "--out",
                dir.toString()))
        .isEqualTo(0);
    String summary = Files.readString(dir.resolve("summary.json"));
    assertThat(summary)
        .contains("household h001 has no standalone dispatch")
        .contains(DayPipeline.NOT_SETTLED)
        .contains("\"degradedDays\" : 1");
  }

  @Test
  void run_noTradingAndLimitBelowEveryLoad_degradedDayExitZero(@TempDir Path dir) throws Exception {
    assertThat(
            run(
                "run",
                "s1-baseline",
                "--days",
                "1",
                "--set",
                "tariff.importLimitKw=0.1",
                "--out",
                dir.toString()))
        .isEqualTo(0);
    String summary = Files.readString(dir.resolve("summary.json"));
    assertThat(summary)
        .contains("\"degradedDays\" : 1")
        .contains("has no standalone dispatch either");
    // Undefined costs are empty cells (docs/results-schema.md), never NaN.
    java.util.List<String> lines = Files.readAllLines(dir.resolve("households.csv"));
    int column = java.util.Arrays.asList(lines.get(0).split(",", -1)).indexOf("standaloneCostEur");
    assertThat(column).isPositive();
    assertThat(lines.subList(1, lines.size()))
        .allSatisfy(line -> assertThat(line.split(",", -1)[column]).isEmpty());
    assertThat(String.join("\n", lines)).doesNotContain("NaN");
  }

  @Test
  void run_decentralisedAgentsWithAppliances_admm_exitsTwoNamingIt() {
    // flex-appliances: round(0.5·2) LOW + round(0.75·2) MIDDLE + 1 HIGH = 4 dishwashers; the
    // decomposition and the tâtonnement model them (AgentRunIT)
    assertThat(
            run(
                "run",
                "flex-appliances",
                "--agents",
                "--mode",
                "decentralised",
                "--negotiation",
                "admm"))
        .isEqualTo(2);
    assertThat(err.toString())
        .contains(ScenarioAgents.DECENTRALISED_FLEX + " (--negotiation admm): 4 households")
        .contains("`appliances`")
        .contains("Supported: --negotiation decomposition or tatonnement");
  }

  @Test
  void run_negotiation_unknownOrWithoutDecentralisedAgents_exitsTwoNamingValueAndAllowedNames() {
    assertThat(
            run(
                "run",
                "quickstart",
                "--agents",
                "--mode",
                "decentralised",
                "--negotiation",
                "admn"))
        .isEqualTo(2);
    assertThat(err.toString()).contains("'admn'").contains("tatonnement, admm, decomposition");
    assertThat(run("run", "quickstart", "--negotiation", "admm")).isEqualTo(2);
    assertThat(err.toString()).contains("--negotiation").contains("need --agents");
    assertThat(run("run", "quickstart", "--agents", "--negotiation", "admm")).isEqualTo(2);
    assertThat(err.toString()).contains("needs --mode decentralised");
  }

  @Test
  void run_unknownModeOrPriceUpdate_exitsTwoNamingValueAndAllowedNames() {
    assertThat(run("run", "quickstart", "--agents", "--mode", "hybrid")).isEqualTo(2);
    assertThat(err.toString())
        .contains("--mode 'hybrid' is not known. Allowed: central, decentralised.");
    assertThat(
            run(
                "run",
                "quickstart",
                "--agents",
                "--mode",
                "decentralised",
                "--price-update",
                "walras"))
        .isEqualTo(2);
    assertThat(err.toString())
        .contains("--price-update 'walras' is not known. Allowed: marginal, supply-demand-ratio.");
  }

  @Test
  void parseMode_absentIsCentral_namesCaseInsensitive() throws BadInputException {
    assertThat(RunCommand.parseMode(null)).isEqualTo(MarketMode.CENTRAL);
    assertThat(RunCommand.parseMode("Decentralised")).isEqualTo(MarketMode.DECENTRALISED);
    assertThat(RunCommand.parseMode("central")).isEqualTo(MarketMode.CENTRAL);
  }

  @Test
  void paramLabels_listTheRegisteredNames() {
    CommandLine run = EquigridCommand.commandLine().getSubcommands().get("run");
    assertThat(run.getCommandSpec().findOption("--mode").paramLabel())
        .isEqualTo(MarketMode.allowed().replace(", ", "|"));
    assertThat(run.getCommandSpec().findOption("--price-update").paramLabel())
        .isEqualTo(PriceUpdate.allowed().replace(", ", "|"));
    assertThat(run.getCommandSpec().findOption("--negotiation").paramLabel())
        .isEqualTo(NegotiationName.allowed().replace(", ", "|"));
  }

  @Test
  void unsignedIfZero_printsNoMinusZero() {
    assertThat(String.format(java.util.Locale.ROOT, "%.2f", ConsoleFigures.unsignedIfZero(-1e-9)))
        .isEqualTo("0.00");
    assertThat(String.format(java.util.Locale.ROOT, "%.2f", ConsoleFigures.unsignedIfZero(-0.0)))
        .isEqualTo("0.00");
    assertThat(ConsoleFigures.unsignedIfZero(-0.006)).isEqualTo(-0.006);
    assertThat(ConsoleFigures.unsignedIfZero(0.004)).isEqualTo(0.0);
  }

  @Test
  void dayFigures_sayDegradedOrUndefinedInsteadOfNaN() {
    assertThat(ConsoleFigures.day(day(1.75, 7.624, false))).isEqualTo("peak 1.8 kW  gain 7.62 EUR");
    assertThat(ConsoleFigures.day(day(1.75, Double.NaN, false)))
        .isEqualTo("peak 1.8 kW  gain undefined");
    assertThat(ConsoleFigures.day(day(Double.NaN, Double.NaN, true)))
        .startsWith("degraded: the community clearing failed");
  }

  private static org.equigrid.market.metrics.CommunityDayMetrics day(
      double peakKw, double gainEur, boolean degraded) {
    org.equigrid.market.metrics.Index any = org.equigrid.market.metrics.Index.of(0.5);
    return new org.equigrid.market.metrics.CommunityDayMetrics(
        0, 0, 0, 0, 0, 0, 0, 0, peakKw, 0, 0, 0, 0, 0, 0, gainEur, any, 0, 0, 0, any, degraded);
  }
}
