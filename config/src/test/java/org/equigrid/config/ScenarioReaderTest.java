package org.equigrid.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.equigrid.market.clearing.MilpEffort;
import org.equigrid.market.clearing.PricingRule;
import org.equigrid.market.clearing.SolverOptions;
import org.equigrid.market.model.Household;
import org.equigrid.market.model.TradingDay;
import org.equigrid.market.settlement.SettlementSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScenarioReaderTest {
  private static final Path SCENARIOS = Path.of("scenarios");

  @TempDir Path dir;

  private static Scenario shipped(String name) throws ScenarioException {
    return ScenarioReader.read(SCENARIOS.resolve(name + ".yaml"));
  }

  @Test
  void read_everyShippedScenario_withoutProblemsAndWithValidDays()
      throws IOException, ScenarioException {
    List<Path> files;
    try (Stream<Path> list = Files.list(SCENARIOS)) {
      files = list.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
    }
    assertThat(files)
        .extracting(p -> p.getFileName().toString())
        .contains(
            "quickstart.yaml",
            "s1-baseline.yaml",
            "s2-pv-alone.yaml",
            "s3-pv-battery-alone.yaml",
            "s4-p2p-cost.yaml",
            "s5-p2p-static-equity.yaml");
    for (Path file : files) {
      Scenario scenario = ScenarioReader.read(file);
      assertThat(scenario.name())
          .as(file.toString())
          .isEqualTo(file.getFileName().toString().replace(".yaml", ""));
      assertThat(scenario.description()).isNotBlank();
      for (int d = 0; d < scenario.days(); d++) {
        TradingDay day = scenario.day(d, scenario.initialSocKwh());
        assertThat(day.intervals()).isEqualTo(24);
      }
    }
  }

  @Test
  void quickstart_isSmallAndTrades() throws ScenarioException {
    Scenario q = shipped("quickstart");
    assertThat(q.households()).hasSize(10);
    assertThat(q.days()).isEqualTo(2);
    assertThat(q.trading()).isTrue();
    assertThat(q.groupShares()).containsEntry("LOW", 0.4).containsEntry("MIDDLE", 0.4);
    assertThat(q.groupShares().get("HIGH")).isCloseTo(0.2, within(1e-12));
    assertThat(q.households()).extracting(Household::id).first().isEqualTo("h001");
  }

  @Test
  void referenceScenarios_describeTheSameHouseholdsAndProfiles() throws ScenarioException {
    Scenario s1 = shipped("s1-baseline");
    Scenario s3 = shipped("s3-pv-battery-alone");
    Scenario s5 = shipped("s5-p2p-static-equity");
    assertThat(s5.households()).hasSize(30);
    // The solar divide: LOW 12 → PV round(2.4) = 2, batteries round(0.6) = 1; MIDDLE 12 → 5 and 2;
    // HIGH 6 → round(4.2) = 4 and round(2.4) = 2.
    assertThat(s5.households().stream().filter(Household::hasPv).count()).isEqualTo(11);
    assertThat(s5.households().stream().filter(Household::hasBattery).count()).isEqualTo(5);
    assertThat(s5.households().stream().filter(h -> h.group().equals("LOW") && h.hasPv()).count())
        .isEqualTo(2);
    assertThat(s5.households().stream().filter(h -> h.group().equals("HIGH") && h.hasPv()).count())
        .isEqualTo(4);
    assertThat(s5.groupShares().get("LOW")).isCloseTo(0.4, within(1e-12));
    assertThat(s1.households()).noneMatch(Household::hasPv).noneMatch(Household::hasBattery);
    assertThat(s1.trading()).isFalse();
    for (String name :
        List.of("s2-pv-alone", "s3-pv-battery-alone", "s4-p2p-cost", "s5-p2p-static-equity")) {
      Scenario other = shipped(name);
      for (int i = 0; i < 30; i++) {
        Household a = s1.households().get(i);
        Household b = other.households().get(i);
        assertThat(b.id()).isEqualTo(a.id());
        assertThat(b.group()).isEqualTo(a.group());
        assertThat(b.dailyIncomeEur()).isEqualTo(a.dailyIncomeEur());
      }
      for (int d = 0; d < 7; d++) {
        assertThat(other.day(d, other.initialSocKwh()).loadKwh())
            .isDeepEqualTo(s1.day(d, s1.initialSocKwh()).loadKwh());
      }
      assertThat(other.day(3, other.initialSocKwh()).tariff().importPriceEurPerKwh())
          .containsExactly(s1.day(3, s1.initialSocKwh()).tariff().importPriceEurPerKwh());
    }
    // PV: same per-kWp output; s3 owners are exactly s5 owners
    assertThat(s3.households())
        .extracting(Household::pvKwp)
        .isEqualTo(s5.households().stream().map(Household::pvKwp).toList());
    assertThat(s3.day(2, s3.initialSocKwh()).pvKwh())
        .isDeepEqualTo(s5.day(2, s5.initialSocKwh()).pvKwh());
  }

  @Test
  void s5_weights_normalisedToPopulationMeanOne() throws ScenarioException {
    Scenario s5 = shipped("s5-p2p-static-equity");
    // raw 1.4/1.0/0.6 with shares 0.4/0.4/0.2: mean 1.08
    assertThat(s5.equity().weightOf("LOW")).isCloseTo(1.4 / 1.08, within(1e-12));
    assertThat(s5.equity().weightOf("MIDDLE")).isCloseTo(1.0 / 1.08, within(1e-12));
    assertThat(s5.equity().weightOf("HIGH")).isCloseTo(0.6 / 1.08, within(1e-12));
    double mean =
        s5.groupShares().entrySet().stream()
            .mapToDouble(e -> e.getValue() * s5.equity().weightOf(e.getKey()))
            .sum();
    assertThat(mean).isCloseTo(1.0, within(1e-12));
    assertThat(s5.equity().leastAdvantagedGroups()).containsExactly("LOW");
    assertThat(s5.equity().rawlsianStrengthEur()).isEqualTo(5.0);
    assertThat(s5.pricingRule()).isEqualTo(PricingRule.MID_MARKET);
  }

  @Test
  void s4_equalWeightsAtAThousandHouseholds_exactlyOne() throws ScenarioException {
    // The realised group shares of 1,000 households do not sum to exactly 1 in floating point.
    Scenario s4 =
        ScenarioReader.read(
            SCENARIOS.resolve("s4-p2p-cost.yaml"), Map.of("community.generate.households", "1000"));

    assertThat(s4.equity().weightByGroup().values()).containsOnly(1.0);
  }

  @Test
  void day_tariffFollowsPeriods_eveningPeakAt18h() throws ScenarioException {
    Scenario s4 = shipped("s4-p2p-cost");
    double[] prices = s4.day(0, s4.initialSocKwh()).tariff().importPriceEurPerKwh();
    assertThat(prices[3]).isEqualTo(0.22);
    assertThat(prices[12]).isEqualTo(0.30);
    assertThat(prices[18]).isEqualTo(0.42);
    assertThat(prices[22]).isEqualTo(0.30);
    assertThat(s4.day(0, s4.initialSocKwh()).tariff().peakChargeEurPerKw()).isEqualTo(0.25);
  }

  @Test
  void overrides_changeSizeWeightsSeedAndDays() throws ScenarioException {
    Map<String, String> overrides = new LinkedHashMap<>();
    overrides.put("community.generate.households", "100");
    overrides.put("equity.weights.LOW", "1.2");
    overrides.put("seed", "7");
    overrides.put("horizon.days", "3");
    overrides.put("market.pricing", "supply-demand-ratio");
    Scenario s = ScenarioReader.read(SCENARIOS.resolve("s5-p2p-static-equity.yaml"), overrides);
    assertThat(s.households()).hasSize(100);
    assertThat(s.seed()).isEqualTo(7);
    assertThat(s.days()).isEqualTo(3);
    assertThat(s.pricingRule()).isEqualTo(PricingRule.SUPPLY_DEMAND_RATIO);
    double mean = 0.4 * 1.2 + 0.4 * 1.0 + 0.2 * 0.6;
    assertThat(s.equity().weightOf("LOW")).isCloseTo(1.2 / mean, within(1e-12));
    assertThat(s.canonicalYaml())
        .contains("households: 100")
        .contains("seed: 7")
        .contains("LOW: 1.2");
  }

  @Test
  void overrides_indexIntoHouseholdList() throws ScenarioException {
    Path file = TestScenarios.write(dir, "small.yaml", TestScenarios.SMALL);
    Scenario s =
        ScenarioReader.read(
            file,
            Map.of(
                "community.households[0].pvKwp",
                "2.5",
                "community.households.2.battery.capacityKwh",
                "12"));
    assertThat(s.households().get(0).pvKwp()).isEqualTo(2.5);
    assertThat(s.households().get(2).battery().capacityKwh()).isEqualTo(12.0);
  }

  @Test
  void settlement_defaultsToWeightedShapley_andReadsEveryRule() throws ScenarioException {
    Scenario plain =
        ScenarioReader.read(TestScenarios.write(dir, "small.yaml", TestScenarios.SMALL));
    assertThat(plain.settlement()).isEqualTo(SettlementSettings.defaults());
    assertThat(plain.settlement().rule()).isEqualTo(SettlementSettings.Rule.WEIGHTED_SHAPLEY);
    assertThat(plain.canonicalYaml())
        .contains("rule: weighted-shapley")
        .contains("rawlsianObjective: relative-savings");
    for (SettlementSettings.Rule rule : SettlementSettings.Rule.values()) {
      Scenario s =
          ScenarioReader.read(
              TestScenarios.write(dir, "small.yaml", TestScenarios.SMALL),
              Map.of(
                  "settlement.rule",
                  rule.fileName(),
                  "settlement.rawlsianObjective",
                  "largest_burden"));
      assertThat(s.settlement())
          .isEqualTo(
              new SettlementSettings(rule, SettlementSettings.RawlsianObjective.LARGEST_BURDEN));
    }
  }

  @Test
  void settlement_readsToleranceMaxOrdersAndExplain_withDefaultsInTheCanonicalYaml()
      throws ScenarioException {
    Scenario plain =
        ScenarioReader.read(TestScenarios.write(dir, "small.yaml", TestScenarios.SMALL));
    assertThat(plain.settlement().tolerance()).isEqualTo(SettlementSettings.DEFAULT_TOLERANCE);
    assertThat(plain.settlement().maxOrders()).isEqualTo(SettlementSettings.DEFAULT_MAX_ORDERS);
    assertThat(plain.settlement().explain()).isEqualTo(SettlementSettings.Explain.ALL);
    assertThat(plain.canonicalYaml())
        .contains("tolerance: 0.01")
        .contains("maxOrders: 2000")
        .contains("explain: all");
    Scenario s =
        ScenarioReader.read(
            TestScenarios.write(dir, "small.yaml", TestScenarios.SMALL),
            Map.of(
                "settlement.tolerance",
                "0.002",
                "settlement.maxOrders",
                "500",
                "settlement.explain",
                "sample"));
    assertThat(s.settlement())
        .isEqualTo(
            SettlementSettings.defaults()
                .withStopping(0.002, 500)
                .withExplain(SettlementSettings.Explain.SAMPLE));
  }

  @Test
  void canonicalYaml_isStableAndReadsBackToTheSameScenario() throws ScenarioException {
    Scenario s = shipped("quickstart");
    assertThat(shipped("quickstart").canonicalYaml()).isEqualTo(s.canonicalYaml());
    assertThat(s.canonicalYaml()).contains("latitudeDeg: 50.0").contains("timeLimitSeconds: 10");
    Scenario again =
        ScenarioReader.read(TestScenarios.write(dir, "quickstart.yaml", s.canonicalYaml()));
    assertThat(again.canonicalYaml()).isEqualTo(s.canonicalYaml());
    assertThat(again.households()).isEqualTo(s.households());
    assertThat(again.day(1, again.initialSocKwh()).loadKwh())
        .isDeepEqualTo(s.day(1, s.initialSocKwh()).loadKwh());
  }

  @Test
  void profiles_sameSeedIdentical_otherSeedDifferent() throws ScenarioException {
    Path file = SCENARIOS.resolve("quickstart.yaml");
    Scenario a = ScenarioReader.read(file);
    Scenario b = ScenarioReader.read(file);
    Scenario c = ScenarioReader.read(file, Map.of("seed", "8"));
    for (int d = 0; d < 2; d++) {
      assertThat(b.day(d, b.initialSocKwh()).loadKwh())
          .isDeepEqualTo(a.day(d, a.initialSocKwh()).loadKwh());
      assertThat(b.day(d, b.initialSocKwh()).pvKwh())
          .isDeepEqualTo(a.day(d, a.initialSocKwh()).pvKwh());
    }
    assertThat(b.households()).isEqualTo(a.households());
    assertThat(c.households()).isNotEqualTo(a.households());
    assertThat(c.day(0, c.initialSocKwh()).loadKwh()[0])
        .isNotEqualTo(a.day(0, a.initialSocKwh()).loadKwh()[0]);
  }

  @Test
  void fifteenMinuteIntervals_give96IntervalsWithTheSameDailyPvEnergy() throws ScenarioException {
    Path file = SCENARIOS.resolve("s3-pv-battery-alone.yaml");
    Scenario hourly = ScenarioReader.read(file);
    Scenario quarter = ScenarioReader.read(file, Map.of("horizon.intervalMinutes", "15"));
    assertThat(quarter.intervalsPerDay()).isEqualTo(96);
    assertThat(quarter.intervalHours()).isEqualTo(0.25);
    TradingDay h = hourly.day(0, hourly.initialSocKwh());
    TradingDay q = quarter.day(0, quarter.initialSocKwh());
    assertThat(q.tariff().importPriceEurPerKwh()[4 * 18]).isEqualTo(0.42);
    for (int i = 0; i < h.householdCount(); i++) {
      double pvHourly = Arrays.stream(h.pvKwh()[i]).sum();
      double pvQuarter = Arrays.stream(q.pvKwh()[i]).sum();
      assertThat(pvQuarter).isCloseTo(pvHourly, within(1e-6 + 1e-3 * pvHourly));
    }
  }

  @Test
  void initialSoc_followsBatteries() throws ScenarioException {
    Scenario s = ScenarioReader.read(TestScenarios.write(dir, "small.yaml", TestScenarios.SMALL));
    assertThat(s.initialSocKwh()).containsExactly(0.0, 0.0, 5.0);
    Household c = s.households().get(2);
    assertThat(c.battery().chargeEfficiency()).isCloseTo(Math.sqrt(0.9), within(1e-12));
    assertThat(c.battery().socMinKwh()).isCloseTo(1.0, within(1e-12));
    assertThat(c.kind().name()).isEqualTo("PROSUMER");
    assertThat(s.households().get(0).kind().name()).isEqualTo("CONSUMER");
  }

  @Test
  void read_exponentNotationStartDateAndSolverSwitches_areUnderstood() throws ScenarioException {
    Scenario s =
        ScenarioReader.read(
            TestScenarios.write(
                dir,
                "s.yaml",
                TestScenarios.SMALL.replace("  days: 2\n", "  days: 2\n  startDate: 2024-07-01\n")
                    + "solver:\n  relativeGapLimit: 1e-4\n  epsilonEur: \"0.02\"\n"
                    + "  poolIdenticalBatteries: false\n"));
    assertThat(s.solverOptions().relativeGapLimit()).isEqualTo(1e-4);
    assertThat(s.solverOptions().epsilonEur()).isEqualTo(0.02);
    assertThat(s.solverOptions().poolIdenticalBatteries()).isFalse();
    assertThat(s.solverOptions().pooling()).isTrue();
    assertThat(s.solverOptions().decomposes()).as("exact by default (issue 13)").isFalse();
    assertThat(s.startDayOfYear()).isEqualTo(183); // 2024 is a leap year
    assertThat(s.dayOfYear(1)).isEqualTo(184);
  }

  /** The decomposition, an approximation, is opt-in: absent means never, a value opts in. */
  @Test
  void read_decompositionMinHouseholds_optIn() throws ScenarioException {
    Scenario exact = ScenarioReader.read(TestScenarios.write(dir, "e.yaml", TestScenarios.SMALL));
    assertThat(exact.solverOptions().decompositionMinHouseholds())
        .isEqualTo(SolverOptions.NEVER_DECOMPOSE);
    Scenario optedIn =
        ScenarioReader.read(
            TestScenarios.write(
                dir,
                "d.yaml",
                TestScenarios.SMALL + "solver:\n  decompositionMinHouseholds: 3000\n"));
    assertThat(optedIn.solverOptions().decompositionMinHouseholds()).isEqualTo(3000);
    assertThat(optedIn.solverOptions().decomposes()).isTrue();
  }

  /** The SCIP effort: absent means prove (exact, not in the canonical scenario); a cap opts in. */
  @Test
  void read_milpEffort_proveByDefaultRootAndNodesOptIn() throws ScenarioException {
    Scenario exact = ScenarioReader.read(TestScenarios.write(dir, "p.yaml", TestScenarios.SMALL));
    assertThat(exact.solverOptions().milpEffort()).isEqualTo(MilpEffort.PROVE);
    assertThat(exact.canonicalYaml()).doesNotContain("milpEffort");
    Scenario root =
        ScenarioReader.read(
            TestScenarios.write(
                dir, "r.yaml", TestScenarios.SMALL + "solver:\n  milpEffort: ROOT\n"));
    assertThat(root.solverOptions().milpEffort().maxNodes()).isEqualTo(1);
    assertThat(root.canonicalYaml()).contains("milpEffort: ROOT");
    Scenario nodes =
        ScenarioReader.read(
            TestScenarios.write(
                dir, "n.yaml", TestScenarios.SMALL + "solver:\n  milpEffort: nodes:25\n"));
    assertThat(nodes.solverOptions().milpEffort().maxNodes()).isEqualTo(25);
    assertThat(nodes.solverOptions().milpEffort().spelling()).isEqualTo("nodes:25");
  }
}
