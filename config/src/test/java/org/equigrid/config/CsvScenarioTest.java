package org.equigrid.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import org.equigrid.config.profile.CsvSeries;
import org.equigrid.market.model.TradingDay;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** CSV profiles in the three layouts, with unit conversion and resampling, on hand-made files. */
class CsvScenarioTest {
  @TempDir Path dir;

  private static final String COMMUNITY =
      """
      name: csv
      seed: 3
      horizon: {days: 2, intervalMinutes: 30, startDayOfYear: 10}
      community:
        households:
          - {id: a, group: LOW, dailyIncomeEur: 40, dataKey: "1"}
          - {id: b, group: HIGH, dailyIncomeEur: 90, pvKwp: 2.0, dataKey: "2"}
      """;

  /** Hourly rows for two days; row r holds {@code f(r)}. */
  private static String column(java.util.function.IntToDoubleFunction f) {
    StringBuilder text = new StringBuilder();
    for (int r = 0; r < 48; r++) {
      text.append(f.applyAsDouble(r)).append(r < 47 ? "," : "");
    }
    return text.toString();
  }

  private static String wide(
      java.util.function.IntToDoubleFunction one, java.util.function.IntToDoubleFunction two) {
    StringBuilder csv = new StringBuilder("time,1,2\n");
    for (int r = 0; r < 48; r++) {
      csv.append("t")
          .append(r)
          .append(',')
          .append(one.applyAsDouble(r))
          .append(',')
          .append(two.applyAsDouble(r))
          .append('\n');
    }
    return csv.toString();
  }

  @Test
  void wideLayout_kwhRows_splitEvenlyIntoFinerIntervals() throws ScenarioException {
    TestScenarios.write(dir, "load.csv", wide(r -> r, r -> 2));
    TestScenarios.write(dir, "pv.csv", wide(r -> 0, r -> r % 24 == 12 ? 500 : 0));
    Scenario s =
        ScenarioReader.read(
            TestScenarios.write(
                dir,
                "s.yaml",
                COMMUNITY
                    + """
        profiles:
          csv:
            layout: wide
            firstDayOfYear: 10
            load: {path: load.csv, unit: kWh}
            pv: {path: pv.csv, unit: W-per-kWp}
        """));
    assertThat(column(r -> r)).isNotEmpty();
    TradingDay day0 = s.day(0, s.initialSocKwh());
    assertThat(day0.intervals()).isEqualTo(48);
    assertThat(day0.loadKwh()[0][0]).isZero();
    assertThat(day0.loadKwh()[0][6]).isEqualTo(1.5);
    assertThat(day0.loadKwh()[0][7]).isEqualTo(1.5);
    assertThat(day0.loadKwh()[1][30]).isEqualTo(1.0);
    // 500 W per kWp × 2 kWp × 1 h = 1 kWh in 12-13 h, split into two half hours; a has no PV
    assertThat(day0.pvKwh()[1][24]).isEqualTo(0.5);
    assertThat(day0.pvKwh()[1][25]).isEqualTo(0.5);
    assertThat(Arrays.stream(day0.pvKwh()[1]).sum()).isEqualTo(1.0);
    assertThat(Arrays.stream(day0.pvKwh()[0]).sum()).isZero();
    assertThat(s.day(1, s.initialSocKwh()).loadKwh()[0][0]).isEqualTo(12.0);
    // the series wraps: day 2 is the file's day 0 again
    assertThat(s.day(2, s.initialSocKwh()).loadKwh()[0]).containsExactly(day0.loadKwh()[0]);
  }

  @Test
  void longLayout_kwAverages_byDayOffset() throws ScenarioException {
    StringBuilder csv = new StringBuilder("home,stamp,kw\n");
    for (String home : new String[] {"1", "2"}) {
      for (int r = 0; r < 48; r++) {
        csv.append(home)
            .append(",t")
            .append(r)
            .append(',')
            .append(home.equals("1") ? r : 1)
            .append('\n');
      }
    }
    TestScenarios.write(dir, "long.csv", csv.toString());
    // the file's first day is day 9, so the run (starting on day 10) starts on the file's day 1
    Scenario s =
        ScenarioReader.read(
            TestScenarios.write(
                dir,
                "s.yaml",
                COMMUNITY
                    + """
        profiles:
          csv:
            layout: long
            householdColumn: home
            firstDayOfYear: 9
            load: {path: long.csv, column: kw, unit: W}
        """));
    TradingDay day = s.day(0, s.initialSocKwh());
    // W averaged over an hour: row 24 (the file's day 1) holds 24 W = 0.024 kWh, 0.012 per half
    // hour
    assertThat(day.loadKwh()[0][0]).isCloseTo(0.012, within(1e-15));
    assertThat(day.loadKwh()[0][47]).isCloseTo(0.0235, within(1e-15));
    assertThat(day.loadKwh()[1][10]).isCloseTo(0.0005, within(1e-15));
    assertThat(day.pvKwh()[1][24]).isGreaterThan(0); // PV synthetic when only load comes from CSV
  }

  @Test
  void perHouseholdLayout_missingKeyFile_namesTheFile() {
    TestScenarios.write(dir, "home_1.csv", "load\n" + column(r -> 1).replace(",", "\n") + "\n");
    ScenarioException e =
        catchThrowableOfType(
            ScenarioException.class,
            () ->
                ScenarioReader.read(
                    TestScenarios.write(
                        dir,
                        "s.yaml",
                        COMMUNITY
                            + """
            profiles:
              csv:
                layout: per-household
                load: {path: "home_{key}.csv", column: load, unit: kWh}
            """)));
    assertThat(e.problems())
        .singleElement()
        .satisfies(
            p -> assertThat(p.problem()).contains(CsvSeries.FILE_NOT_FOUND).contains("home_2.csv"));
  }

  @Test
  void perHouseholdLayout_pathWithoutPlaceholder_isRejected() {
    ScenarioException e =
        catchThrowableOfType(
            ScenarioException.class,
            () ->
                ScenarioReader.read(
                    TestScenarios.write(
                        dir,
                        "s.yaml",
                        COMMUNITY
                            + """
            profiles:
              csv:
                layout: per-household
                load: {path: "home.csv", column: load, unit: kWh}
            """)));
    assertThat(e.problems())
        .singleElement()
        .satisfies(p -> assertThat(p.problem()).contains(Messages.PATH_PLACEHOLDER));
  }

  @Test
  void csvValueNotANumber_namesRowAndColumn() {
    TestScenarios.write(
        dir, "home_1.csv", "load\n1\n2\nn/a\n" + column(r -> 1).replace(",", "\n") + "\n");
    TestScenarios.write(dir, "home_2.csv", "load\n" + column(r -> 1).replace(",", "\n") + "\n");
    ScenarioException e =
        catchThrowableOfType(
            ScenarioException.class,
            () ->
                ScenarioReader.read(
                    TestScenarios.write(
                        dir,
                        "s.yaml",
                        COMMUNITY
                            + """
            profiles:
              csv:
                layout: per-household
                load: {path: "home_{key}.csv", column: load, unit: kWh}
            """)));
    assertThat(e.getMessage())
        .contains("data row 3, column 'load': 'n/a' " + CsvSeries.NOT_A_NUMBER);
  }

  @Test
  void priceSeriesCsv_repeatedToTheIntervalAndScaled() throws ScenarioException {
    TestScenarios.write(
        dir,
        "prices.csv",
        "p\n" + column(r -> r < 24 ? 0.2 + 0.01 * r : 0.5).replace(",", "\n") + "\n");
    Path file =
        TestScenarios.write(
            dir,
            "s.yaml",
            COMMUNITY
                + """
        tariff:
          importPriceCsv: {path: prices.csv, column: p, multiplier: 0.5, firstDayOfYear: 10}
          exportPriceEurPerKwh: 0.05
        """);
    Scenario s = ScenarioReader.read(file);
    double[] prices = s.day(0, s.initialSocKwh()).tariff().importPriceEurPerKwh();
    assertThat(prices[0]).isCloseTo(0.1, within(1e-12));
    assertThat(prices[5]).isCloseTo(0.5 * 0.22, within(1e-12));
    assertThat(s.day(1, s.initialSocKwh()).tariff().importPriceEurPerKwh()[7])
        .isCloseTo(0.25, within(1e-12));
    Scenario cheaper = ScenarioReader.read(file, Map.of("tariff.exportPriceEurPerKwh", "0.02"));
    assertThat(cheaper.day(0, cheaper.initialSocKwh()).tariff().exportPriceEurPerKwh()[0])
        .isEqualTo(0.02);
  }

  private String perHouseholdProblem(String firstFile) {
    TestScenarios.write(dir, "home_1.csv", firstFile);
    TestScenarios.write(dir, "home_2.csv", "load\n" + column(r -> 1).replace(",", "\n") + "\n");
    ScenarioException e =
        catchThrowableOfType(
            ScenarioException.class,
            () ->
                ScenarioReader.read(
                    TestScenarios.write(
                        dir,
                        "s.yaml",
                        COMMUNITY
                            + """
            profiles:
              csv:
                layout: per-household
                load: {path: "home_{key}.csv", column: load, unit: kWh}
            """)));
    assertThat(e).as("expected a CSV problem").isNotNull();
    assertThat(e.problems())
        .singleElement()
        .satisfies(p -> assertThat(p.fieldPath()).endsWith("path"));
    return e.getMessage();
  }

  private static String rows(String header, String value) {
    return header + "\n" + (value + "\n").repeat(48);
  }

  @Test
  void csvWithUnnamedIndexColumn_asPandasWritesIt_isRead() throws ScenarioException {
    StringBuilder csv = new StringBuilder(",load\n");
    for (int r = 0; r < 48; r++) {
      csv.append(r).append(",1.5\n");
    }
    TestScenarios.write(dir, "home_1.csv", csv.toString());
    TestScenarios.write(dir, "home_2.csv", csv.toString());
    Scenario s =
        ScenarioReader.read(
            TestScenarios.write(
                dir,
                "s.yaml",
                COMMUNITY
                    + """
        profiles:
          csv:
            layout: per-household
            load: {path: "home_{key}.csv", column: load, unit: kWh}
        """));
    assertThat(s.day(0, s.initialSocKwh()).loadKwh()[0][0]).isEqualTo(0.75);
  }

  @Test
  void csvDuplicateHeaderOrUnclosedQuote_isACsvProblemNotACrash() {
    assertThat(perHouseholdProblem(rows("load,load", "1,2"))).contains(CsvSeries.NOT_CSV);
    assertThat(perHouseholdProblem("load\n1\n\"2\n3\n" + rows("", "1")))
        .contains(CsvSeries.NOT_CSV);
  }

  @Test
  void csvValuesInJavaSyntaxOrHuge_areRejected() {
    for (String text : new String[] {"0x1p3", "1d", "1f", "Infinity", "1e400"}) {
      assertThat(perHouseholdProblem(rows("load", text)))
          .contains("'" + text + "' " + CsvSeries.NOT_A_NUMBER);
    }
    assertThat(perHouseholdProblem(rows("load", "1e300")))
        .contains("'1e300' " + CsvSeries.TOO_LARGE);
  }

  @Test
  void csvSkipRowsBeyondAnInt_isRangeCheckedNotWrapped() {
    TestScenarios.write(dir, "load.csv", wide(r -> 1, r -> 1));
    ScenarioException e =
        catchThrowableOfType(
            ScenarioException.class,
            () ->
                ScenarioReader.read(
                    TestScenarios.write(
                        dir,
                        "s.yaml",
                        COMMUNITY
                            + """
            profiles:
              csv:
                layout: wide
                skipRows: 2147483648
                load: {path: load.csv, unit: kWh}
            """)));
    assertThat(e.problems())
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.fieldPath()).isEqualTo("profiles.csv.skipRows");
              assertThat(p.problem()).startsWith(Messages.WHOLE_OUT_OF_RANGE);
            });
  }

  @Test
  void csvPathWithNulCharacter_isNotAPath() {
    ScenarioException e =
        catchThrowableOfType(
            ScenarioException.class,
            () ->
                ScenarioReader.read(
                    TestScenarios.write(
                        dir,
                        "s.yaml",
                        COMMUNITY
                            + """
            profiles:
              csv:
                layout: wide
                load: {path: "lo\\0ad.csv", unit: kWh}
            """)));
    assertThat(e.problems())
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.fieldPath()).isEqualTo("profiles.csv.load.path");
              assertThat(p.problem()).startsWith(Messages.NOT_A_PATH);
            });
  }

  /**
   * Found by a differential run over mutated scenarios: this was a NullPointerException (exit 1).
   */
  @Test
  void longLayout_householdColumnNotText_isAProblemNotACrash() {
    TestScenarios.write(dir, "long.csv", "home,kw\n1,1\n2,1\n");
    ScenarioException e =
        catchThrowableOfType(
            ScenarioException.class,
            () ->
                ScenarioReader.read(
                    TestScenarios.write(
                        dir,
                        "s.yaml",
                        COMMUNITY
                            + """
            profiles:
              csv:
                layout: long
                householdColumn: {home: 1}
                load: {path: long.csv, column: kw, unit: kW}
            """)));
    assertThat(e).as("expected the scenario to be rejected, not a crash").isNotNull();
    assertThat(e.problems())
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.fieldPath()).isEqualTo("profiles.csv.householdColumn");
              assertThat(p.problem()).startsWith(Messages.NOT_TEXT);
            });
  }
}
