package org.equigrid.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.equigrid.config.profile.CsvSeries;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScenarioProblemsTest {
  @TempDir Path dir;

  private ScenarioException failing(String yaml) {
    Path file = TestScenarios.write(dir, "bad.yaml", yaml);
    ScenarioException e =
        catchThrowableOfType(ScenarioException.class, () -> ScenarioReader.read(file));
    assertThat(e).as("expected the scenario to be rejected").isNotNull();
    return e;
  }

  private static String small(String from, String to) {
    assertThat(TestScenarios.SMALL).contains(from);
    return TestScenarios.SMALL.replace(from, to);
  }

  @Test
  void read_validSmallScenario_hasNoProblems() throws ScenarioException {
    Scenario scenario =
        ScenarioReader.read(TestScenarios.write(dir, "ok.yaml", TestScenarios.SMALL));
    assertThat(scenario.households()).extracting(h -> h.id()).containsExactly("a", "b", "c");
  }

  @Test
  void read_unknownKey_namesItAndSuggestsTheNearest() {
    ScenarioException e = failing(small("pvKwp: 4.0", "pvKwpp: 4.0"));
    assertThat(e.problems()).hasSize(1);
    ScenarioProblem problem = e.problems().get(0);
    assertThat(problem.fieldPath()).isEqualTo("community.households[1].pvKwpp");
    assertThat(problem.problem())
        .contains(Messages.UNKNOWN_KEY)
        .contains(Messages.MAYBE + " pvKwp?");
    assertThat(e.getMessage())
        .startsWith("bad.yaml: community.households[1].pvKwpp: " + Messages.UNKNOWN_KEY);
  }

  @Test
  void read_unknownTopLevelKey_suggestsNearest() {
    ScenarioException e = failing(TestScenarios.SMALL + "tarif:\n  exportPriceEurPerKwh: 0.1\n");
    assertThat(e.problems())
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.fieldPath()).isEqualTo("tarif");
              assertThat(p.problem()).contains(Messages.MAYBE + " tariff?");
            });
  }

  @Test
  void read_textWhereNumberExpected_reportsWrongType() {
    ScenarioException e = failing(small("dailyIncomeEur: 90", "dailyIncomeEur: ninety"));
    assertThat(e.problems())
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.fieldPath()).isEqualTo("community.households[1].dailyIncomeEur");
              assertThat(p.value()).isEqualTo("ninety");
              assertThat(p.problem()).startsWith(Messages.NOT_A_NUMBER);
            });
  }

  @Test
  void read_numberWithUnit_suggestsPlainNumber() {
    ScenarioException e = failing(small("dailyIncomeEur: 90", "dailyIncomeEur: 90 EUR"));
    assertThat(e.problems().get(0).problem())
        .contains(Messages.NOT_A_NUMBER)
        .contains(Messages.MAYBE + " 90");
  }

  @Test
  void read_negativeCapacity_reportsPathValueAndAdvice() {
    ScenarioException e = failing(small("capacityKwh: 10.0", "capacityKwh: -5.0"));
    assertThat(e.problems()).hasSize(1);
    assertThat(e.getMessage())
        .isEqualTo(
            "bad.yaml: community.households[2].battery.capacityKwh = -5.0: "
                + Messages.MUST_BE_POSITIVE
                + ". "
                + Messages.MAYBE
                + " 5?");
  }

  @Test
  void read_missingRequiredField_saysItIsRequired() {
    ScenarioException e = failing(small("      dailyIncomeEur: 40\n", ""));
    assertThat(e.problems())
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.fieldPath()).isEqualTo("community.households[0].dailyIncomeEur");
              assertThat(p.value()).isNull();
              assertThat(p.problem()).startsWith(Messages.REQUIRED);
            });
  }

  @Test
  void read_missingSeedAndName_reportsBoth() {
    ScenarioException e = failing(small("name: small\nseed: 11\n", ""));
    assertThat(e.problems()).extracting(ScenarioProblem::fieldPath).containsExactly("name", "seed");
  }

  @Test
  void read_badPricingRule_listsAllowedValues() {
    ScenarioException e = failing(TestScenarios.SMALL + "market:\n  pricing: mid-markt\n");
    assertThat(e.problems())
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.fieldPath()).isEqualTo("market.pricing");
              assertThat(p.problem())
                  .contains(Messages.NOT_ONE_OF)
                  .contains("MID_MARKET, SUPPLY_DEMAND_RATIO, DOUBLE_AUCTION")
                  .contains(Messages.MAYBE + " MID_MARKET?");
            });
  }

  @Test
  void read_badSettlementRule_namesFileFieldValueAllowedNamesAndAGuess() {
    ScenarioException e = failing(TestScenarios.SMALL + "settlement:\n  rule: rawlsain\n");
    assertThat(e.problems())
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.fieldPath()).isEqualTo("settlement.rule");
              assertThat(p.value()).isEqualTo("rawlsain");
              assertThat(p.problem())
                  .contains(Messages.NOT_ONE_OF)
                  .contains("weighted-shapley, shapley, market, rawlsian")
                  .contains(Messages.MAYBE + " rawlsian?");
            });
    assertThat(e.getMessage())
        .contains("bad.yaml")
        .contains("settlement.rule")
        .contains("rawlsain");
  }

  @Test
  void read_badRawlsianObjective_listsTheObjectives() {
    ScenarioException e =
        failing(
            TestScenarios.SMALL + "settlement:\n  rule: rawlsian\n  rawlsianObjective: burden\n");
    assertThat(e.problems())
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.fieldPath()).isEqualTo("settlement.rawlsianObjective");
              assertThat(p.problem()).contains("relative-savings, largest-burden");
            });
  }

  @Test
  void read_badSettlementStopping_namesEachFieldAndTheAllowedRange() {
    ScenarioException e =
        failing(
            TestScenarios.SMALL + "settlement:\n  tolerance: 5\n  maxOrders: 2\n  explain: some\n");
    assertThat(e.problems()).hasSize(3);
    assertThat(e.problems())
        .anySatisfy(
            p -> {
              assertThat(p.fieldPath()).isEqualTo("settlement.tolerance");
              assertThat(p.problem())
                  .contains(Messages.OUT_OF_RANGE + " (0, 1]")
                  .contains(Messages.MAYBE + " 0.05?");
            });
    assertThat(e.problems())
        .anySatisfy(
            p -> {
              assertThat(p.fieldPath()).isEqualTo("settlement.maxOrders");
              assertThat(p.problem()).contains("[4, 1000000]");
            });
    assertThat(e.problems())
        .anySatisfy(
            p -> {
              assertThat(p.fieldPath()).isEqualTo("settlement.explain");
              assertThat(p.problem()).contains("all, sample, none");
            });
  }

  @Test
  void read_pricingInKebabOrSnakeCase_isAccepted() throws ScenarioException {
    for (String spelling : List.of("double-auction", "Double_Auction", "DOUBLE_AUCTION")) {
      Path file =
          TestScenarios.write(
              dir, "p.yaml", TestScenarios.SMALL + "market:\n  pricing: " + spelling + "\n");
      assertThat(ScenarioReader.read(file).pricingRule().name()).isEqualTo("DOUBLE_AUCTION");
    }
  }

  @Test
  void read_weightsOutsideBounds_reportsNormalisedWeight() {
    ScenarioException e =
        failing(TestScenarios.SMALL + "equity:\n  weights: {LOW: 5.0, MIDDLE: 1.0, HIGH: 1.0}\n");
    // mean = (5 + 1 + 1) / 3 = 2.3333: LOW 2.1429 > 2, MIDDLE and HIGH 0.4286 < 0.5
    assertThat(e.problems())
        .extracting(ScenarioProblem::fieldPath)
        .containsExactlyInAnyOrder(
            "equity.weights.HIGH", "equity.weights.LOW", "equity.weights.MIDDLE");
    assertThat(e.problems())
        .allSatisfy(p -> assertThat(p.problem()).contains(Messages.WEIGHT_OUT_OF_BOUNDS));
    assertThat(e.getMessage()).contains("= 2.1429").contains("= 0.4286").contains("2.3333");
  }

  @Test
  void read_weightForUnknownGroup_suggestsGroup() {
    ScenarioException e = failing(TestScenarios.SMALL + "equity:\n  weights: {LWO: 1.2}\n");
    assertThat(e.problems())
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.fieldPath()).isEqualTo("equity.weights.LWO");
              assertThat(p.problem())
                  .contains(Messages.UNKNOWN_GROUP)
                  .contains(Messages.MAYBE + " LOW?");
            });
  }

  @Test
  void read_groupSharesNotSummingToOne_reportsSumAndNormalisedAdvice() {
    ScenarioException e =
        failing(
            """
        name: gen
        seed: 1
        community:
          generate:
            households: 10
            groupShares: {LOW: 0.5, MIDDLE: 0.4, HIGH: 0.3}
        """);
    assertThat(e.problems())
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.fieldPath()).isEqualTo("community.generate.groupShares");
              assertThat(p.problem())
                  .contains(Messages.SHARES_MUST_SUM_TO_ONE)
                  .contains("sum to 1.2")
                  .contains("{LOW: 0.417, MIDDLE: 0.333, HIGH: 0.25}");
            });
  }

  @Test
  void read_intervalNotDividingAnHour_suggestsNearestDivisor() {
    ScenarioException e = failing(small("  days: 2\n", "  days: 2\n  intervalMinutes: 25\n"));
    assertThat(e.problems())
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.fieldPath()).isEqualTo("horizon.intervalMinutes");
              assertThat(p.value()).isEqualTo("25");
              assertThat(p.problem())
                  .contains(Messages.INTERVAL_MUST_DIVIDE_HOUR)
                  .contains(Messages.MAYBE + " 20?");
            });
  }

  @Test
  void read_csvFileMissing_namesThePath() {
    ScenarioException e =
        failing(
            TestScenarios.SMALL
                + """
        profiles:
          csv:
            layout: per-household
            load: {path: "missing/home_{key}.csv", column: load_kwh, unit: kWh}
        """);
    assertThat(e.problems())
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.fieldPath()).isEqualTo("profiles.csv.load.path");
              assertThat(p.problem())
                  .contains(CsvSeries.FILE_NOT_FOUND)
                  .contains(dir.resolve("missing").resolve("home_a.csv").toString());
            });
  }

  @Test
  void read_csvColumnMissing_namesTheColumnsFound() {
    TestScenarios.write(dir, "loads.csv", "time,a,b,x\n0,1,2,3\n");
    ScenarioException e =
        failing(
            TestScenarios.SMALL
                + """
        profiles:
          csv:
            layout: wide
            intervalMinutes: 1440
            load: {path: loads.csv, unit: kWh}
        """);
    assertThat(e.problems())
        .singleElement()
        .satisfies(
            p ->
                assertThat(p.problem())
                    .contains(CsvSeries.COLUMN_NOT_FOUND + ": c")
                    .contains("columns found: time, a, b, x"));
  }

  @Test
  void read_manyMistakes_reportsAllTogetherOnePerLine() {
    String yaml =
        small("capacityKwh: 10.0", "capacityKwh: -5.0")
                .replace("dailyIncomeEur: 90", "dailyIncomeEur: ninety")
                .replace("pvKwp: 4.0", "pvKwpp: 4.0")
            + "market:\n  pricing: vickrey\n";
    ScenarioException e = failing(yaml);
    assertThat(e.problems()).hasSize(4);
    assertThat(e.getMessage().split("\n")).hasSize(4);
    assertThat(e.getMessage())
        .contains("capacityKwh = -5.0", "dailyIncomeEur = ninety", "pvKwpp", "pricing = vickrey");
  }

  @Test
  void read_consumerWithPv_suggestsProsumer() {
    ScenarioException e =
        failing(small("      pvKwp: 4.0\n", "      pvKwp: 4.0\n      kind: consumer\n"));
    assertThat(e.problems())
        .singleElement()
        .satisfies(
            p -> assertThat(p.problem()).contains(Messages.KIND_CONFLICT).contains("prosumer"));
  }

  @Test
  void read_duplicateIds_reportsSecond() {
    ScenarioException e = failing(small("id: b", "id: a"));
    assertThat(e.problems())
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.fieldPath()).isEqualTo("community.households[1].id");
              assertThat(p.problem()).contains(Messages.DUPLICATE_ID);
            });
  }

  @Test
  void read_percentageForFraction_suggestsFraction() {
    ScenarioException e = failing(small("roundTripEfficiency: 0.9", "roundTripEfficiency: 90"));
    assertThat(e.problems().get(0).problem())
        .contains(Messages.MUST_BE_EFFICIENCY)
        .contains(Messages.MAYBE + " 0.9?");
  }

  @Test
  void read_periodsWithGap_saysWhere() {
    ScenarioException e =
        failing(
            TestScenarios.SMALL
                + """
        tariff:
          importPeriods:
            - {fromHour: 0, toHour: 7, priceEurPerKwh: 0.2}
            - {fromHour: 8, toHour: 24, priceEurPerKwh: 0.3}
        """);
    assertThat(e.problems())
        .singleElement()
        .satisfies(
            p ->
                assertThat(p.problem())
                    .contains(Messages.PERIODS_MUST_COVER_DAY)
                    .contains("gap at 7 h"));
  }

  @Test
  void read_exportAboveImport_isRejected() {
    ScenarioException e =
        failing(
            TestScenarios.SMALL
                + "tariff:\n  importPriceEurPerKwh: 0.2\n  exportPriceEurPerKwh: 0.3\n");
    assertThat(e.problems())
        .singleElement()
        .satisfies(
            p ->
                assertThat(p.problem())
                    .contains(Messages.EXPORT_ABOVE_IMPORT)
                    .contains(Messages.MAYBE + " 0.2?"));
  }

  @Test
  void read_missingFileOrBadYaml_isOneProblem() {
    ScenarioException missing =
        catchThrowableOfType(
            ScenarioException.class, () -> ScenarioReader.read(dir.resolve("nope.yaml")));
    assertThat(missing.getMessage()).contains(Messages.FILE_NOT_FOUND);
    ScenarioException syntax = failing("name: [unclosed\n");
    assertThat(syntax.getMessage()).contains(Messages.YAML_SYNTAX).contains("line");
  }

  @Test
  void read_badOverridePath_isReported() {
    Path file = TestScenarios.write(dir, "ok.yaml", TestScenarios.SMALL);
    ScenarioException e =
        catchThrowableOfType(
            ScenarioException.class,
            () -> ScenarioReader.read(file, Map.of("community.households[7].pvKwp", "3")));
    assertThat(e.problems())
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.file()).isEqualTo("--set");
              assertThat(p.problem())
                  .contains(Messages.BAD_OVERRIDE)
                  .contains("outside the list of 3");
            });
  }

  private ScenarioProblem override(String path, String value) {
    Path file = TestScenarios.write(dir, "ok.yaml", TestScenarios.SMALL);
    ScenarioException e =
        catchThrowableOfType(
            ScenarioException.class, () -> ScenarioReader.read(file, Map.of(path, value)));
    assertThat(e).as("%s=%s must be rejected", path, value).isNotNull();
    assertThat(e.problems()).hasSize(1);
    assertThat(e.problems().get(0).fieldPath()).isEqualTo(path);
    return e.problems().get(0);
  }

  @Test
  void read_infiniteOrHugeNumbers_areNotFinite() {
    assertThat(override("tariff.peakChargeEurPerKw", "1e400").problem())
        .isEqualTo(Messages.NOT_FINITE);
    assertThat(override("tariff.peakChargeEurPerKw", "1e300").problem())
        .isEqualTo(Messages.NOT_FINITE);
    assertThat(override("tariff.importLimitKw", ".inf").problem())
        .startsWith(Messages.NOT_A_NUMBER);
    // found by the fuzzing harness: a subnormal income passed "> 0" and generated incomes of 0
    // (exit 1)
    assertThat(override("community.households[0].dailyIncomeEur", "1e-320").problem())
        .isEqualTo(Messages.NOT_FINITE);
  }

  @Test
  void read_wholeNumbersBeyondTheirType_neverWrap() {
    // 2^64 + 1 would wrap to 1 day, 2^64 + 7 to seed 7
    assertThat(override("horizon.days", "18446744073709551617").problem())
        .isEqualTo(Messages.OUT_OF_RANGE + " [1, 3650]");
    assertThat(override("seed", "18446744073709551623").problem())
        .startsWith(Messages.WHOLE_OUT_OF_RANGE);
    assertThat(override("horizon.intervalMinutes", "-9223372036854775809").problem())
        .isEqualTo(Messages.MUST_BE_POSITIVE); // no advice to write 9.2e18
    assertThat(override("horizon.intervalMinutes", "4294967356").problem())
        .isEqualTo(
            Messages.WHOLE_OUT_OF_RANGE + " [-2147483648, 2147483647]"); // 2^32 + 60 is not 60
  }

  @Test
  void read_numbersInJavaSyntax_areNotNumbers() {
    for (String text : new String[] {"0x1p3", "1d", "1f", "Infinity", "NaN"}) {
      assertThat(override("tariff.peakChargeEurPerKw", text).problem())
          .startsWith(Messages.NOT_A_NUMBER);
    }
  }

  @Test
  void read_incomeForAGroupNotInGroupShares_isRejected() {
    ScenarioException e =
        failing(
            """
        name: gen
        seed: 1
        community:
          generate:
            households: 10
            incomeEurPerDay: {LOW: 30, MIDDLE: 60, HIGH: 120, HIHG: 500}
        """);
    assertThat(e.problems())
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.fieldPath()).isEqualTo("community.generate.incomeEurPerDay.HIHG");
              assertThat(p.problem())
                  .startsWith(Messages.UNKNOWN_GROUP)
                  .contains(Messages.MAYBE + " HIGH?");
            });
  }

  @Test
  void read_priceAboveAThousandEuro_isOutOfRange() {
    // found by the fuzzing harness: a period price of 1e9 EUR/kWh made a settlement MILP hang; the
    // same check holds every price
    assertThat(override("tariff.peakChargeEurPerKw", "1e9").problem())
        .isEqualTo(Messages.OUT_OF_RANGE + " [0, 1000] EUR");
    assertThat(override("tariff.peakChargeEurPerKw", "-2").problem())
        .contains(Messages.MAYBE + " 2?");
  }

  @Test
  void read_decompositionMinHouseholdsBelowTwo_namesFieldAndRange() {
    ScenarioException e =
        failing(TestScenarios.SMALL + "solver:\n  decompositionMinHouseholds: 1\n");
    assertThat(e.problems()).hasSize(1);
    assertThat(e.problems().get(0).fieldPath()).isEqualTo("solver.decompositionMinHouseholds");
    assertThat(e.problems().get(0).problem()).startsWith(Messages.OUT_OF_RANGE).contains("[2, ");
  }

  @Test
  void read_milpEffortNotProveRootOrNodes_namesFieldValueAndWhatIsAllowed() {
    for (String bad : new String[] {"fast", "nodes:0", "nodes:-3", "nodes:", "nodes:1.5", "3"}) {
      ScenarioException e =
          failing(TestScenarios.SMALL + "solver:\n  milpEffort: \"" + bad + "\"\n");
      assertThat(e.problems()).as(bad).hasSize(1);
      assertThat(e.problems().get(0).fieldPath()).isEqualTo("solver.milpEffort");
      assertThat(e.problems().get(0).problem())
          .as(bad)
          .contains("prove, root or nodes:N")
          .contains("Maybe you meant");
      assertThat(e.getMessage()).as(bad).contains(bad);
    }
  }
}
