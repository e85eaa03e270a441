package org.equigrid.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Path;
import java.util.List;
import org.equigrid.market.model.Appliance;
import org.equigrid.market.model.Household;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The deferrable-appliance keys (docs/model.md, "Flexible demand"): a household's {@code
 * appliances}, the generated community's {@code applianceShare} and {@code appliance}, their
 * defaults and their errors (file, field, value, what is allowed).
 */
class ApplianceKeysTest {

  @TempDir Path dir;

  private static String onA(String appliances) {
    return TestScenarios.SMALL.replace(
        "      dailyIncomeEur: 40\n", "      dailyIncomeEur: 40\n      appliances:\n" + appliances);
  }

  private ScenarioException refused(String yaml) {
    ScenarioException e =
        catchThrowableOfType(
            ScenarioException.class,
            () -> ScenarioReader.read(TestScenarios.write(dir, "bad.yaml", yaml)));
    assertThat(e).as("refused").isNotNull();
    return e;
  }

  @Test
  void read_householdAppliances_givenValuesAndDefaults() throws Exception {
    Scenario s =
        ScenarioReader.read(
            TestScenarios.write(
                dir,
                "app.yaml",
                onA(
                    "        - {name: dishwasher, powerKw: 1.2, durationHours: 2}\n"
                        + "        - {name: washer, powerKw: 2.0, durationHours: 1,"
                        + " earliestStartHour: 8, latestEndHour: 18}\n")));
    Household a = s.households().get(0);
    assertThat(a.flex().appliances())
        .containsExactly(
            new Appliance("dishwasher", 1.2, 2, 0, 24), new Appliance("washer", 2, 1, 8, 18));
    assertThat(a.flex().ev()).isNull();
    assertThat(a.flex().energyKwh()).isEqualTo(1.2 * 2 + 2.0);
    assertThat(s.households().get(1).hasFlex()).isFalse();
    assertThat(s.canonicalYaml()).contains("earliestStartHour: 0").contains("latestEndHour: 24");
  }

  @Test
  void read_appliancesWithAdmm_refusedNamingTheKey_decompositionAccepted() throws Exception {
    String appliances = onA("        - {name: dishwasher, powerKw: 1.2, durationHours: 2}\n");
    ScenarioException e = refused(appliances + "market:\n  negotiation: admm\n");
    assertThat(e.problems())
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.fieldPath()).isEqualTo("market.negotiation");
              assertThat(p.value()).isEqualTo("admm");
              assertThat(p.problem())
                  .contains(FlexBinder.NEGOTIATION_WITH_FLEX)
                  .contains("1 households have `appliances`")
                  .contains("decomposition?");
            });
    Scenario s =
        ScenarioReader.read(
            TestScenarios.write(
                dir, "dec.yaml", appliances + "market:\n  negotiation: decomposition\n"));
    assertThat(s.households().get(0).flex().hasAppliances()).isTrue();
  }

  @Test
  void read_durationLongerThanWindow_namesFieldValueAndAllowed() {
    ScenarioException e =
        refused(
            onA(
                "        - {name: w, powerKw: 1.0, durationHours: 3, earliestStartHour: 20,"
                    + " latestEndHour: 22}\n"));
    assertThat(e.problems())
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.fieldPath())
                  .isEqualTo("community.households[0].appliances[0].durationHours");
              assertThat(p.value()).isEqualTo("3");
              assertThat(p.problem()).contains("longer than the window").contains("at most 2");
            });
    assertThat(e.getMessage()).contains("bad.yaml");
  }

  @Test
  void read_windowOverMidnight_isRefusedSayingSo() {
    ScenarioException e =
        refused(
            onA(
                "        - {name: w, powerKw: 1.0, durationHours: 1, earliestStartHour: 22,"
                    + " latestEndHour: 2}\n"));
    assertThat(e.problems())
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.fieldPath()).endsWith("appliances[0].latestEndHour");
              assertThat(p.problem()).contains("windows over midnight are not supported");
            });
  }

  @Test
  void read_badPowerHourAndMissingName_eachNamed() {
    ScenarioException e =
        refused(
            onA(
                "        - {name: w, powerKw: 0, durationHours: 1}\n"
                    + "        - {name: v, powerKw: 1, durationHours: 1, latestEndHour: 25}\n"
                    + "        - {powerKw: 1, durationHours: 1}\n"));
    assertThat(e.problems())
        .extracting(p -> p.fieldPath())
        .containsExactlyInAnyOrder(
            "community.households[0].appliances[0].powerKw",
            "community.households[0].appliances[1].latestEndHour",
            "community.households[0].appliances[2].name");
  }

  @Test
  void read_durationNotWholeIntervals_namesHouseholdApplianceAndInterval() {
    ScenarioException e = refused(onA("        - {name: w, powerKw: 1.0, durationHours: 1.5}\n"));
    assertThat(e.problems())
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.fieldPath()).isEqualTo("community");
              assertThat(p.value()).isEqualTo("1.5");
              assertThat(p.problem())
                  .contains("household a's appliance w")
                  .contains("whole number of intervals of 60 minutes");
            });
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
  void read_generatedApplianceShare_drawsPerGroupTheRestUnchanged() throws Exception {
    Scenario plain = ScenarioReader.read(TestScenarios.write(dir, "plain.yaml", GENERATED));
    assertThat(plain.canonicalYaml()).doesNotContain("applianceShare");
    Scenario with =
        ScenarioReader.read(
            TestScenarios.write(
                dir, "app.yaml", GENERATED + "    applianceShare: {LOW: 0.2, HIGH: 1.0}\n"));
    List<Household> owners = with.households().stream().filter(Household::hasFlex).toList();
    // round(0.2 · 10) LOW and all 10 HIGH households, each with the default dishwasher
    assertThat(owners).hasSize(12);
    assertThat(owners.stream().filter(h -> h.group().equals("LOW"))).hasSize(2);
    assertThat(owners)
        .allMatch(
            h -> h.flex().appliances().equals(List.of(new Appliance("dishwasher", 1.2, 2, 8, 22))));
    for (int i = 0; i < plain.households().size(); i++) {
      assertThat(with.households().get(i).withFlex(null)).isEqualTo(plain.households().get(i));
    }
  }

  @Test
  void read_applianceShareOneNumberWithEvsAndSpec_bothKept() throws Exception {
    Scenario s =
        ScenarioReader.read(
            TestScenarios.write(
                dir,
                "one.yaml",
                GENERATED
                    + "    evShare: 1.0\n"
                    + "    applianceShare: 0.5\n"
                    + "    appliance: {name: washer, powerKw: 2.0, durationHours: 1}\n"));
    List<Household> owners = s.households().stream().filter(h -> h.flex().hasAppliances()).toList();
    assertThat(owners).hasSize(10);
    assertThat(owners).allMatch(h -> h.flex().ev() != null);
    assertThat(owners)
        .allMatch(h -> h.flex().appliances().equals(List.of(new Appliance("washer", 2, 1, 8, 22))));
  }

  @Test
  void read_applianceShareOutsideZeroOne_isRefused() {
    ScenarioException e = refused(GENERATED + "    applianceShare: 1.5\n");
    assertThat(e.problems())
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.fieldPath()).isEqualTo("community.generate.applianceShare");
              assertThat(p.value()).isEqualTo("1.5");
            });
  }
}
