package org.equigrid.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.equigrid.market.model.Household;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code community.generate} ownership per group (the solar divide) and across the community. */
class SolarDivideTest {
  @TempDir Path dir;

  private static String recipe(String ownership) {
    return """
        name: divide
        seed: 3
        community:
          generate:
            households: 40
            groupShares: {LOW: 0.5, MIDDLE: 0.3, HIGH: 0.2}
        """
        + ownership.indent(4);
  }

  private Scenario read(String yaml) throws ScenarioException {
    return ScenarioReader.read(TestScenarios.write(dir, "divide.yaml", yaml));
  }

  private ScenarioException failing(String yaml) {
    ScenarioException e =
        catchThrowableOfType(
            ScenarioException.class,
            () -> ScenarioReader.read(TestScenarios.write(dir, "bad.yaml", yaml)));
    assertThat(e).as("expected the scenario to be rejected").isNotNull();
    return e;
  }

  /** group → {households, PV owners, battery owners}. */
  private static Map<String, int[]> counts(List<Household> households) {
    Map<String, int[]> counts = new TreeMap<>();
    for (Household h : households) {
      int[] c = counts.computeIfAbsent(h.group(), g -> new int[3]);
      c[0]++;
      c[1] += h.pvKwp() > 0 ? 1 : 0;
      c[2] += h.battery() != null ? 1 : 0;
    }
    return counts;
  }

  @Test
  void generate_perGroupShares_ownersAreRoundedSharesOfEachGroup() throws ScenarioException {
    Scenario s =
        read(
            recipe(
                """
        pvShare: {LOW: 0.1, MIDDLE: 0.5, HIGH: 0.75}
        batteryShare: {LOW: 0.05, MIDDLE: 0.25, HIGH: 0.5}
        renterShare: {LOW: 0.6, MIDDLE: 0.3, HIGH: 0.1}
        """));
    // 40 households: LOW 20, MIDDLE 12, HIGH 8; PV round(2, 6, 6); batteries round(1, 3, 4).
    assertThat(counts(s.households())).containsOnlyKeys("HIGH", "LOW", "MIDDLE");
    assertThat(counts(s.households()).get("LOW")).containsExactly(20, 2, 1);
    assertThat(counts(s.households()).get("MIDDLE")).containsExactly(12, 6, 3);
    assertThat(counts(s.households()).get("HIGH")).containsExactly(8, 6, 4);
  }

  @Test
  void generate_noOwnershipKeys_usesTheSolarDivideDefaults() throws ScenarioException {
    Scenario s = read(recipe(""));
    // Defaults pv {0.2, 0.4, 0.7}, batteries {0.05, 0.15, 0.4}: LOW 20 → 4 / 1, MIDDLE 12 → 5 / 2,
    // HIGH 8 → 6 / 3.
    Map<String, int[]> counts = counts(s.households());
    assertThat(counts.get("LOW")).containsExactly(20, 4, 1);
    assertThat(counts.get("MIDDLE")).containsExactly(12, 5, 2);
    assertThat(counts.get("HIGH")).containsExactly(8, 6, 3);
    assertThat(s.canonicalYaml()).contains("renterShare");
  }

  @Test
  void generate_oneNumber_drawsOwnersAcrossTheCommunity() throws ScenarioException {
    Scenario s = read(recipe("pvShare: 0.5\nbatteryShare: 0.25\n"));
    int pv = 0;
    int batteries = 0;
    for (int[] c : counts(s.households()).values()) {
      pv += c[1];
      batteries += c[2];
    }
    assertThat(pv).isEqualTo(20);
    assertThat(batteries).isEqualTo(10);
  }

  @Test
  void generate_assetFlagsOff_sameHouseholdsAndIncomes() throws ScenarioException {
    Scenario with = read(recipe(""));
    Scenario without = read(recipe("pv: false\nbatteries: false\n"));
    assertThat(without.households())
        .extracting(Household::id, Household::group, Household::dailyIncomeEur)
        .containsExactlyElementsOf(
            with.households().stream()
                .map(
                    h -> org.assertj.core.groups.Tuple.tuple(h.id(), h.group(), h.dailyIncomeEur()))
                .toList());
    assertThat(without.households()).allMatch(h -> h.pvKwp() == 0 && h.battery() == null);
  }

  @Test
  void read_pvShareAboveOwnerOccupiers_isRejectedWithTheLimit() {
    ScenarioException e =
        failing(
            recipe(
                """
        pvShare: {LOW: 0.6, MIDDLE: 0.5, HIGH: 0.75}
        renterShare: {LOW: 0.5, MIDDLE: 0.3, HIGH: 0.1}
        batteryShare: {LOW: 0.1, MIDDLE: 0.1, HIGH: 0.1}
        """));
    assertThat(e.problems())
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.fieldPath()).isEqualTo("community.generate.pvShare.LOW");
              assertThat(p.problem())
                  .contains(Messages.PV_SHARE_ABOVE_OWNERS)
                  .contains(Messages.MAYBE + " 0.5?");
            });
  }

  @Test
  void read_batteryShareAbovePvShareOfAGroup_isRejected() {
    ScenarioException e =
        failing(
            recipe(
                """
        pvShare: {LOW: 0.1, MIDDLE: 0.5, HIGH: 0.75}
        batteryShare: {LOW: 0.2, MIDDLE: 0.25, HIGH: 0.5}
        """));
    assertThat(e.problems())
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.fieldPath()).isEqualTo("community.generate.batteryShare.LOW");
              assertThat(p.problem()).contains(Messages.BATTERY_SHARE_ABOVE_PV_SHARE);
            });
  }

  @Test
  void read_mixedForms_isRejected() {
    ScenarioException e =
        failing(recipe("pvShare: 0.5\nbatteryShare: {LOW: 0.1, MIDDLE: 0.1, HIGH: 0.1}\n"));
    assertThat(e.problems())
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.fieldPath()).isEqualTo("community.generate.batteryShare");
              assertThat(p.problem()).contains(Messages.OWNERSHIP_FORM);
            });
  }

  @Test
  void read_shareForAGroupThatDoesNotExist_namesTheGroups() {
    ScenarioException e =
        failing(
            recipe(
                """
        pvShare: {LOW: 0.1, MIDDLE: 0.5, HIGH: 0.75, HGIH: 0.5}
        """));
    assertThat(e.problems())
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.fieldPath()).isEqualTo("community.generate.pvShare.HGIH");
              assertThat(p.problem())
                  .contains(Messages.UNKNOWN_GROUP)
                  .contains(Messages.MAYBE + " HIGH?");
            });
  }

  @Test
  void read_customGroupsWithoutPvShare_asksForIt() {
    ScenarioException e =
        failing(
            """
        name: custom
        seed: 1
        community:
          generate:
            households: 10
            groupShares: {A: 0.5, B: 0.5}
            incomeEurPerDay: {A: 50, B: 100}
            annualLoadKwh: {A: 3000, B: 3000}
        """);
    assertThat(e.problems())
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.fieldPath()).isEqualTo("community.generate.pvShare");
              assertThat(p.problem()).contains(Messages.REQUIRED);
            });
  }
}
