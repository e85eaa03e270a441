package org.equigrid.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Path;
import org.equigrid.market.negotiation.NegotiationName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code market.negotiation}: the mechanism's name, validated; absent means tâtonnement and leaves
 * the YAML alone.
 */
class NegotiationKeyTest {

  @TempDir Path dir;

  @Test
  void read_negotiationAdmm_isTheScenariosMechanism() throws Exception {
    Scenario s =
        ScenarioReader.read(
            TestScenarios.write(
                dir, "admm.yaml", TestScenarios.SMALL + "market:\n  negotiation: ADMM\n"));
    assertThat(s.negotiation()).isEqualTo(NegotiationName.ADMM);
    assertThat(s.canonicalYaml()).contains("negotiation: admm");
  }

  @Test
  void read_noNegotiation_tatonnementAndNoKeyInTheCanonicalYaml() throws Exception {
    Scenario s = ScenarioReader.read(TestScenarios.write(dir, "plain.yaml", TestScenarios.SMALL));
    assertThat(s.negotiation()).isEqualTo(NegotiationName.TATONNEMENT);
    assertThat(s.canonicalYaml()).doesNotContain("negotiation");
  }

  @Test
  void read_unknownNegotiation_namesFieldValueAndAllowedNames() {
    ScenarioException e =
        catchThrowableOfType(
            ScenarioException.class,
            () ->
                ScenarioReader.read(
                    TestScenarios.write(
                        dir, "bad.yaml", TestScenarios.SMALL + "market:\n  negotiation: admn\n")));
    assertThat(e).isNotNull();
    assertThat(e.problems())
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.fieldPath()).isEqualTo("market.negotiation");
              assertThat(p.problem())
                  .contains(Messages.NOT_ONE_OF)
                  .contains("tatonnement, admm, decomposition")
                  .contains(Messages.MAYBE + " admm?");
            });
    assertThat(e.getMessage()).contains("bad.yaml").contains("admn");
  }

  @Test
  void read_negotiationTolerance_givenOrTheDefault() throws Exception {
    Scenario given =
        ScenarioReader.read(
            TestScenarios.write(
                dir,
                "tight.yaml",
                TestScenarios.SMALL + "market:\n  negotiationTolerance: 0.0001\n"));
    assertThat(given.negotiationTolerance()).isEqualTo(1e-4);
    Scenario plain =
        ScenarioReader.read(TestScenarios.write(dir, "plain.yaml", TestScenarios.SMALL));
    assertThat(plain.negotiationTolerance()).isEqualTo(Scenario.NEGOTIATION_TOLERANCE);
    assertThat(Scenario.NEGOTIATION_TOLERANCE).isEqualTo(1e-3);
    assertThat(plain.canonicalYaml()).doesNotContain("negotiationTolerance");
  }

  @Test
  void read_negotiationToleranceOutOfRange_namesFieldAndValue() {
    ScenarioException e =
        catchThrowableOfType(
            ScenarioException.class,
            () ->
                ScenarioReader.read(
                    TestScenarios.write(
                        dir,
                        "bad.yaml",
                        TestScenarios.SMALL + "market:\n  negotiationTolerance: 2\n")));
    assertThat(e).isNotNull();
    assertThat(e.problems())
        .singleElement()
        .satisfies(p -> assertThat(p.fieldPath()).isEqualTo("market.negotiationTolerance"));
    assertThat(e.getMessage()).contains("bad.yaml").contains("2");
  }
}
