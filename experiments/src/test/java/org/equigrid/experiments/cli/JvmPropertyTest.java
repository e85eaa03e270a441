package org.equigrid.experiments.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** A bad value of a JVM property the product reads is bad input (exit 2), checked before a run. */
class JvmPropertyTest {

  private static final String PROPERTY = "equigrid.household.solves";

  @AfterEach
  void clear() {
    System.clearProperty(PROPERTY);
  }

  @Test
  void badHouseholdSolvesIsExitTwoNamingPropertyAndValue() {
    System.setProperty(PROPERTY, "many");
    StringWriter err = new StringWriter();
    int exit = run(err, "--version");
    assertThat(exit).isEqualTo(EquigridCommand.EXIT_BAD_INPUT);
    assertThat(err.toString()).contains(PROPERTY).contains("(many)").contains("whole number >= 1");
  }

  @Test
  void zeroIsRefusedAndAWholeNumberRuns() {
    System.setProperty(PROPERTY, "0");
    assertThat(run(new StringWriter(), "--version")).isEqualTo(EquigridCommand.EXIT_BAD_INPUT);
    System.setProperty(PROPERTY, "3");
    StringWriter err = new StringWriter();
    assertThat(run(err, "--version")).isZero();
    assertThat(err.toString()).isEmpty();
  }

  private static int run(StringWriter err, String... args) {
    CommandLine cli = EquigridCommand.commandLine();
    cli.setErr(new PrintWriter(err, true));
    cli.setOut(new PrintWriter(new StringWriter(), true));
    return EquigridCommand.execute(cli, args);
  }
}
