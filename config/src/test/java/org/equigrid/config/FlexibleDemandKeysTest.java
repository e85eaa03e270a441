package org.equigrid.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Path;
import java.util.List;
import org.equigrid.market.model.ElectricVehicle;
import org.equigrid.market.model.Household;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The flexible-demand keys (docs/model.md, "Flexible demand"): a household's {@code ev}, the
 * generated community's {@code evShare} and {@code ev}, their defaults and their errors.
 */
class FlexibleDemandKeysTest {

  @TempDir Path dir;

  private static final String EV_ON_A =
      TestScenarios.SMALL.replace(
          "      dailyIncomeEur: 40\n",
          "      dailyIncomeEur: 40\n      ev: {energyKwh: 6.0, arrivalHour: 19}\n");

  @Test
  void read_householdEv_givenValuesAndDefaults() throws Exception {
    Scenario s = ScenarioReader.read(TestScenarios.write(dir, "ev.yaml", EV_ON_A));
    Household a = s.households().get(0);
    assertThat(a.id()).isEqualTo("a");
    assertThat(a.flex().ev()).isEqualTo(new ElectricVehicle(6.0, 3.7, 19, 7));
    assertThat(s.households().get(1).hasFlex()).isFalse();
  }

  @Test
  void read_evMoreEnergyThanItsWindowTakes_namesFieldAndValues() {
    String yaml =
        TestScenarios.SMALL.replace(
            "      dailyIncomeEur: 40\n",
            "      dailyIncomeEur: 40\n"
                + "      ev: {energyKwh: 30.0, maxPowerKw: 3.0, arrivalHour: 22,"
                + " departureHour: 6}\n");
    ScenarioException e =
        catchThrowableOfType(
            ScenarioException.class,
            () -> ScenarioReader.read(TestScenarios.write(dir, "bad.yaml", yaml)));
    assertThat(e).isNotNull();
    assertThat(e.problems())
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.fieldPath()).isEqualTo("community.households[0].ev");
              assertThat(p.problem())
                  .contains("ev.energyKwh (30.0)")
                  .contains("ev.maxPowerKw (3.0)")
                  .contains("8 h")
                  .contains("at most 24.0 kWh");
            });
  }

  @Test
  void read_evWithAdmmOrDecomposition_accepted() throws Exception {
    // their households' blocks model an EV's charging (docs/negotiation.md, "Flexible demand")
    for (String name : new String[] {"admm", "decomposition"}) {
      Scenario s =
          ScenarioReader.read(
              TestScenarios.write(
                  dir, name + ".yaml", EV_ON_A + "market:\n  negotiation: " + name + "\n"));
      assertThat(s.households().get(0).hasFlex()).isTrue();
      assertThat(s.canonicalYaml()).contains("negotiation: " + name);
    }
  }

  @Test
  void read_evWithTatonnement_keepsTheMarketSectionInTheCanonicalYaml() throws Exception {
    // the negotiation check must not rewrite the market section (it once emptied it)
    Scenario s =
        ScenarioReader.read(
            TestScenarios.write(
                dir,
                "tat.yaml",
                EV_ON_A + "market:\n  pricing: mid-market\n  negotiation: tatonnement\n"));
    assertThat(s.canonicalYaml()).contains("negotiation: tatonnement").contains("pricing:");
  }

  private static final String GENERATED =
      """
      name: gen
      seed: 7
      horizon:
        days: 1
      community:
        generate:
          households: 20
          groupShares: {LOW: 0.5, HIGH: 0.5}
          pvShare: {LOW: 0.2, HIGH: 0.6}
          batteryShare: {LOW: 0.0, HIGH: 0.2}
          renterShare: {LOW: 0.5, HIGH: 0.2}
      """;

  @Test
  void read_generatedWithoutEvShare_drawsNoEvAndTheSameCommunity() throws Exception {
    Scenario plain = ScenarioReader.read(TestScenarios.write(dir, "plain.yaml", GENERATED));
    assertThat(plain.households()).noneMatch(Household::hasFlex);
    assertThat(plain.canonicalYaml()).doesNotContain("evShare").doesNotContain("energyKwh");
    Scenario withShare =
        ScenarioReader.read(
            TestScenarios.write(
                dir, "ev.yaml", GENERATED + "    evShare: {LOW: 0.2, HIGH: 1.0}\n"));
    List<Household> evs = withShare.households().stream().filter(Household::hasFlex).toList();
    // round(0.2 · 10) LOW and all 10 HIGH households, each with the default EV
    assertThat(evs).hasSize(12);
    assertThat(evs.stream().filter(h -> h.group().equals("LOW"))).hasSize(2);
    assertThat(evs).allMatch(h -> h.flex().ev().equals(new ElectricVehicle(7, 3.7, 18, 7)));
    // the rest of the community is drawn exactly as without EVs
    for (int i = 0; i < plain.households().size(); i++) {
      assertThat(withShare.households().get(i).withFlex(null)).isEqualTo(plain.households().get(i));
    }
  }

  @Test
  void read_evShareOneNumberAndEvSpec_everyGroupAndTheGivenEv() throws Exception {
    Scenario s =
        ScenarioReader.read(
            TestScenarios.write(
                dir,
                "one.yaml",
                GENERATED + "    evShare: 0.5\n    ev: {energyKwh: 4.0, departureHour: 8}\n"));
    List<Household> evs = s.households().stream().filter(Household::hasFlex).toList();
    assertThat(evs).hasSize(10);
    assertThat(evs).allMatch(h -> h.flex().ev().equals(new ElectricVehicle(4, 3.7, 18, 8)));
  }

  @Test
  void read_evShareOfUnknownGroup_namesIt() {
    ScenarioException e =
        catchThrowableOfType(
            ScenarioException.class,
            () ->
                ScenarioReader.read(
                    TestScenarios.write(
                        dir, "bad.yaml", GENERATED + "    evShare: {LOW: 0.2, MIDLE: 0.5}\n")));
    assertThat(e).isNotNull();
    assertThat(e.problems())
        .anySatisfy(p -> assertThat(p.fieldPath()).isEqualTo("community.generate.evShare.MIDLE"));
  }
}
