package org.equigrid.experiments.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.equigrid.experiments.cli.EquigridCommand;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bench agents --negotiation}: the mechanism reaches the coordinator, and the row says what
 * the community paid beside the central optimum of the same day. The decomposition stops at its
 * certified gap ({@code market.negotiationTolerance}, 1e-3 by default), so its community cost can
 * be at most that share above the optimum; the tâtonnement stops at a price tolerance and is
 * expected above it on the quickstart's batteries.
 */
class AgentsBenchIT {

  @TempDir Path dir;

  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    picocli.CommandLine cli = EquigridCommand.commandLine();
    cli.setOut(new PrintWriter(new StringWriter()));
    cli.setErr(new PrintWriter(err, true));
    return cli.execute(args);
  }

  private List<String> row(String negotiation) throws IOException {
    Path out = dir.resolve(negotiation);
    assertThat(
            run(
                "bench",
                "agents",
                "quickstart",
                "--households",
                "6",
                "--mode",
                "decentralised",
                "--negotiation",
                negotiation,
                "--settlement",
                "none",
                "--out",
                out.toString()))
        .as(err.toString())
        .isZero();
    List<String> lines = Files.readAllLines(out.resolve(AgentsBench.CSV));
    assertThat(lines).hasSize(2);
    List<String> header = Arrays.asList(lines.get(0).split(","));
    List<String> cells = Arrays.asList(lines.get(1).split(",", -1));
    assertThat(cells).hasSameSizeAs(header);
    return List.of(
        cells.get(header.indexOf("negotiation")),
        cells.get(header.indexOf("communityCostEur")),
        cells.get(header.indexOf("centralOptimumEur")),
        cells.get(header.indexOf("gapShareOfOptimum")),
        cells.get(header.indexOf("lastCertifiedGap")));
  }

  @Test
  void negotiation_decomposition_withinItsCertifiedGapOfTheOptimum() throws IOException {
    List<String> decomposition = row("decomposition");

    assertThat(decomposition.get(0)).isEqualTo("decomposition");
    double cost = Double.parseDouble(decomposition.get(1));
    double optimum = Double.parseDouble(decomposition.get(2));
    double certified = Double.parseDouble(decomposition.get(4));
    assertThat(optimum).isPositive();
    assertThat(certified).isBetween(0.0, 1e-3);
    // the row's gap is its own cost against the optimum, within the certified gap
    assertThat(Double.parseDouble(decomposition.get(3)))
        .isCloseTo((cost - optimum) / optimum, org.assertj.core.data.Offset.offset(1e-6))
        .isBetween(-1e-6, 1e-3);
  }

  @Test
  void negotiation_tatonnement_aboveTheOptimumWithNoCertifiedGap() throws IOException {
    List<String> tatonnement = row("tatonnement");

    assertThat(tatonnement.get(0)).isEqualTo("tatonnement");
    // an empty cell: not applicable to the tâtonnement
    assertThat(tatonnement.get(4)).isEmpty();
    assertThat(Double.parseDouble(tatonnement.get(1)))
        .isGreaterThan(Double.parseDouble(tatonnement.get(2)));
  }

  @Test
  void negotiation_withoutDecentralisedMode_exit2NamingTheOption() {
    assertThat(
            run(
                "bench",
                "agents",
                "quickstart",
                "--households",
                "4",
                "--negotiation",
                "admm",
                "--out",
                dir.toString()))
        .isEqualTo(2);
    assertThat(err.toString()).contains("--negotiation 'admm' needs --mode decentralised");
  }
}
