package org.equigrid.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Path;
import org.equigrid.market.negotiation.AdmmSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code market.admm}: the exchange ADMM's settings, each defaulting to {@link
 * AdmmSettings#defaults()}; absent leaves the YAML alone; a bad value names its key, the value and
 * what is allowed.
 */
class AdmmKeysTest {

  @TempDir Path dir;

  private Scenario read(String market) throws Exception {
    return ScenarioReader.read(
        TestScenarios.write(dir, "admm.yaml", TestScenarios.SMALL + "market:\n" + market));
  }

  private ScenarioProblem refused(String market) {
    ScenarioException e = catchThrowableOfType(ScenarioException.class, () -> read(market));
    assertThat(e).as("refused: " + market).isNotNull();
    assertThat(e.problems()).hasSize(1);
    return e.problems().get(0);
  }

  @Test
  void read_absent_theDefaultsAndNoKeyInTheCanonicalYaml() throws Exception {
    Scenario s = ScenarioReader.read(TestScenarios.write(dir, "plain.yaml", TestScenarios.SMALL));
    assertThat(s.admm()).isEqualTo(AdmmSettings.defaults());
    assertThat(s.canonicalYaml()).doesNotContain("admm");
  }

  @Test
  void read_everyKey_isTheScenariosSettings() throws Exception {
    Scenario s =
        read(
            "  admm:\n    rho: 0.25\n    relaxation: 1.2\n    maxRounds: 80\n"
                + "    adaptiveRounds: 5\n    averagedRounds: 10\n    warmStart: true\n"
                + "    primalToleranceKwh: 0.002\n    dualToleranceEurPerKwh: 0.0003\n");
    assertThat(s.admm())
        .isEqualTo(new AdmmSettings(0.25, 0.002, 0.0003, 80, 5, false, 1.2, 10, true));
    assertThat(s.canonicalYaml()).contains("averagedRounds: 10").contains("warmStart: true");
  }

  @Test
  void read_partial_theOthersAreTheDefaults() throws Exception {
    AdmmSettings d = AdmmSettings.defaults();
    assertThat(read("  admm:\n    averagedRounds: 7\n").admm()).isEqualTo(d.withAveragedRounds(7));
    assertThat(read("  admm:\n    warmStart: " + !d.warmStart() + "\n").admm())
        .isEqualTo(d.withWarmStart(!d.warmStart()));
  }

  @Test
  void read_accelerated_withoutRelaxationIsPlainAlpha() throws Exception {
    assertThat(read("  admm:\n    accelerated: true\n").admm())
        .isEqualTo(AdmmSettings.defaults().withAccelerated(true));
  }

  @Test
  void read_acceleratedWithRelaxation_namesBothKeys() {
    ScenarioProblem p = refused("  admm:\n    accelerated: true\n    relaxation: 1.5\n");
    assertThat(p.fieldPath()).isEqualTo("market.admm.relaxation");
    assertThat(p.problem()).contains("must be 1").contains("market.admm.accelerated");
  }

  @Test
  void read_badValues_nameKeyValueAndWhatIsAllowed() {
    ScenarioProblem relaxation = refused("  admm:\n    relaxation: 2\n");
    assertThat(relaxation.fieldPath()).isEqualTo("market.admm.relaxation");
    assertThat(relaxation.problem()).contains("(0, 2)");
    assertThat(relaxation.value()).isEqualTo("2");

    ScenarioProblem averaged = refused("  admm:\n    averagedRounds: 0\n");
    assertThat(averaged.fieldPath()).isEqualTo("market.admm.averagedRounds");
    assertThat(averaged.problem()).contains("[1, 10000]");

    ScenarioProblem rho = refused("  admm:\n    rho: -1\n");
    assertThat(rho.fieldPath()).isEqualTo("market.admm.rho");
    assertThat(rho.problem()).contains(Messages.MUST_BE_POSITIVE);

    ScenarioProblem warm = refused("  admm:\n    warmStart: yes please\n");
    assertThat(warm.fieldPath()).isEqualTo("market.admm.warmStart");

    ScenarioProblem unknown = refused("  admm:\n    averageRounds: 20\n");
    assertThat(unknown.fieldPath()).isEqualTo("market.admm.averageRounds");
    assertThat(unknown.problem()).contains("averagedRounds");
  }
}
