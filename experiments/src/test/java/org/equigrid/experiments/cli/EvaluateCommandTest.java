package org.equigrid.experiments.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class EvaluateCommandTest {

  @TempDir Path dir;

  /** The settings of a policy trained before observation version 2 (no observationVersion). */
  private static final String VERSION_1 =
      """
      poolToDay=165
      neutralBaseline=true
      settlementOrders=24
      rolloutSteps=40
      seed=2024
      alpha=0.01
      poolFromDay=120
      kappa=0.005
      minibatches=4
      episodeDays=10
      """;

  @Test
  void evaluate_policyOfAnotherObservationVersion_exitsBadInputWithTheWayOut() throws Exception {
    Path checkpoint = dir.resolve("old.ckpt");
    Files.writeString(checkpoint, "not read: the settings are checked first");
    Files.writeString(dir.resolve("old.ckpt.properties"), VERSION_1);
    StringWriter err = new StringWriter();
    CommandLine cli = EquigridCommand.commandLine();
    cli.setOut(new PrintWriter(new StringWriter()));
    cli.setErr(new PrintWriter(err));

    int exit =
        cli.execute(
            "evaluate",
            "s6-p2p-adaptive-equity",
            "--set",
            "community.generate.households=4",
            "--policy",
            checkpoint.toString(),
            "--days",
            "1",
            "--out",
            dir.toString());

    assertThat(exit).isEqualTo(EquigridCommand.EXIT_BAD_INPUT);
    assertThat(err.toString())
        .contains("observation version 1")
        .contains("Maybe retrain it with equigrid train");
  }
}
