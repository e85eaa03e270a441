package org.equigrid.experiments.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.equigrid.experiments.cli.EquigridCommand;
import org.equigrid.market.negotiation.NegotiationName;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class NegotiationBenchTest {

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    CommandLine cli = EquigridCommand.commandLine();
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(err));
    return cli.execute(args);
  }

  @Test
  void mechanisms_unknownName_exitsTwoNamingValueAndAllowedNames() {
    assertThat(run("bench", "negotiation", "--mechanisms", "admm,walras")).isEqualTo(2);
    assertThat(err.toString())
        .contains("--mechanisms: walras is not a mechanism")
        .contains("tatonnement, admm, decomposition");
  }

  @Test
  void admmRelaxation_outsideTheOpenInterval_exitsTwoNamingTheValue() {
    assertThat(run("bench", "negotiation", "--mechanisms", "admm", "--admm-relaxation", "2"))
        .isEqualTo(2);
    assertThat(err.toString()).contains("--admm-*").contains("relaxation (2.0) in (0, 2)");
  }

  @Test
  void mechanisms_defaultIsEveryRegisteredName_helpListsThem() {
    assertThat(new NegotiationBench().mechanisms)
        .containsExactly(
            java.util.Arrays.stream(NegotiationName.values())
                .map(NegotiationName::key)
                .toArray(String[]::new));
    assertThat(run("bench", "negotiation", "--help")).isZero();
    assertThat(out.toString().replaceAll("\\s+", " "))
        .contains("default all: tatonnement, admm, decomposition");
  }
}
