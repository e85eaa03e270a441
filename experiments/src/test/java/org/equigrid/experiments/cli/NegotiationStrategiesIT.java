package org.equigrid.experiments.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every bidding strategy under every mechanism, through the agents: a strategy changes what the
 * household reveals to its own solve (its schedules, columns or net profiles), the day completes
 * with everyone in, negotiation.csv logs the mechanism's rounds and strategies.csv says, per
 * deviating household, its bill under the run against the truthful in-process run.
 */
class NegotiationStrategiesIT {

  @TempDir Path dir;

  private final StringWriter err = new StringWriter();

  @ParameterizedTest
  @ValueSource(strings = {"tatonnement", "admm", "decomposition"})
  void run_eachStrategyUnderTheMechanism_completesAndStrategiesCsvSaysWhoGains(String mechanism)
      throws IOException {
    Path out = dir.resolve(mechanism);
    picocli.CommandLine cli = EquigridCommand.commandLine();
    cli.setOut(new PrintWriter(new StringWriter()));
    cli.setErr(new PrintWriter(err, true));

    int code =
        cli.execute(
            "run",
            SweepCommandTest.QUICKSTART.toString(),
            "--set",
            "community.generate.households=6",
            "--days",
            "1",
            "--agents",
            "--mode",
            "decentralised",
            "--negotiation",
            mechanism,
            "--strategy",
            "h001=withhold-flexibility",
            "--strategy",
            "h002=inflate-peak",
            "--strategy",
            "h003=noisy-forecast",
            "--out",
            out.toString());

    assertThat(code).as(err.toString()).isZero();
    assertThat(err.toString()).doesNotContain("standalone (");
    List<String> strategies = Files.readAllLines(out.resolve("strategies.csv"));
    assertThat(strategies.get(0))
        .isEqualTo("household,strategy,billUnderRunEur,billIfTruthfulEur,gainFromDeviationEur");
    assertThat(strategies.subList(1, strategies.size()))
        .hasSize(6)
        .filteredOn(l -> l.startsWith("h004,") || l.startsWith("h005,") || l.startsWith("h006,"))
        .allSatisfy(l -> assertThat(l.split(",")[1]).isEqualTo("truthful"));
    assertThat(strategies.subList(1, strategies.size()))
        .anySatisfy(l -> assertThat(l).startsWith("h001,withhold-flexibility,"))
        .anySatisfy(l -> assertThat(l).startsWith("h002,inflate-peak,"))
        .anySatisfy(l -> assertThat(l).startsWith("h003,noisy-forecast,"))
        .allSatisfy(l -> assertThat(Double.parseDouble(l.split(",")[4])).isFinite());
    List<String> rounds = Files.readAllLines(out.resolve("negotiation.csv"));
    assertThat(rounds.size()).isGreaterThan(1);
    assertThat(rounds.subList(1, rounds.size()))
        .allSatisfy(l -> assertThat(l.split(",")[2]).isEqualTo(mechanism));
  }
}
