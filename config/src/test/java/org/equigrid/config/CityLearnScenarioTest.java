package org.equigrid.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.equigrid.market.model.Household;
import org.equigrid.market.model.TradingDay;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The 17 CityLearn 2022 homes (shared/data, see its README) as a per-household CSV scenario. */
class CityLearnScenarioTest {
  private static final List<String> GROUPS = List.of("LOW", "MIDDLE", "HIGH");
  private static Path data;

  @TempDir static Path dir;

  @BeforeAll
  static void findData() {
    Path shared = TestScenarios.sharedData();
    Assumptions.assumeTrue(
        shared != null && Files.isDirectory(shared.resolve("citylearn-2022")),
        "shared/data/citylearn-2022 not found above the working directory");
    data = shared.resolve("citylearn-2022");
  }

  private static Path scenario(String name, int days, int skipRows) throws IOException {
    JsonNode assets = new ObjectMapper().readTree(data.resolve("assets.json").toFile());
    StringBuilder yaml =
        new StringBuilder(
            """
        name: citylearn
        seed: 1
        horizon: {days: %d, intervalMinutes: 60, startDayOfYear: 213}
        community:
          households:
        """
                .formatted(days));
    for (int k = 1; k <= 17; k++) {
      JsonNode home = assets.get("building_" + k);
      JsonNode battery = home.get("battery");
      yaml.append(
          "    - {id: h%02d, dataKey: \"%d\", group: %s, dailyIncomeEur: %d, pvKwp: %s,\n"
              .formatted(
                  k,
                  k,
                  GROUPS.get(k % 3),
                  40 + 30 * (k % 3),
                  home.get("pv_nominal_power_kw").asText()));
      yaml.append(
          "       battery: {capacityKwh: %s, powerKw: %s, roundTripEfficiency: %s}}\n"
              .formatted(
                  battery.get("capacity").asText(),
                  battery.get("nominal_power").asText(),
                  battery.get("efficiency").asText()));
    }
    yaml.append(
        """
        profiles:
          csv:
            layout: per-household
            intervalMinutes: 60
            firstDayOfYear: 213
            skipRows: %d
            load: {path: "%s", column: non_shiftable_load_kwh, unit: kWh}
            pv: {path: "%s", column: solar_generation_w_per_kw, unit: W-per-kWp}
        tariff:
          importPriceCsv: {path: "%s", column: electricity_pricing, intervalMinutes: 60, firstDayOfYear: 213, skipRows: %d, multiplier: 0.92}
          exportPriceEurPerKwh: 0.05
        """
            .formatted(
                skipRows,
                data.resolve("building_{key}.csv"),
                data.resolve("building_{key}.csv"),
                data.resolve("pricing.csv"),
                skipRows));
    return TestScenarios.write(dir, name + ".yaml", yaml.toString());
  }

  @Test
  void annualLoadAndPvYield_matchTheDataReadme() throws IOException, ScenarioException {
    Scenario s = ScenarioReader.read(scenario("year", 365, 0));
    assertThat(s.households()).hasSize(17);
    double[] load = new double[17];
    double[] pv = new double[17];
    double lowestPrice = Double.POSITIVE_INFINITY;
    double highestPrice = 0;
    for (int d = 0; d < 365; d++) {
      TradingDay day = s.day(d, s.initialSocKwh());
      for (double price : day.tariff().importPriceEurPerKwh()) {
        lowestPrice = Math.min(lowestPrice, price);
        highestPrice = Math.max(highestPrice, price);
      }
      for (int i = 0; i < 17; i++) {
        load[i] += Arrays.stream(day.loadKwh()[i]).sum();
        pv[i] += Arrays.stream(day.pvKwh()[i]).sum();
      }
    }
    // Measured (see the report): single homes range from 6,462 to 14,711 kWh and from 29 to
    // 1,803 kWh/kWp (home 15's PV is nearly zero), so the README's ranges hold for the community
    // mean load and the median PV yield, while every home must match its file exactly.
    double totalLoad = 0;
    double[] yields = new double[17];
    for (int i = 0; i < 17; i++) {
      Household h = s.households().get(i);
      int k = Integer.parseInt(h.id().substring(1));
      assertThat(load[i]).as(h.id()).isCloseTo(columnSum(k, 3), within(1e-6));
      assertThat(pv[i]).as(h.id()).isCloseTo(columnSum(k, 4) * h.pvKwp() / 1000, within(1e-6));
      totalLoad += load[i];
      yields[i] = pv[i] / h.pvKwp();
    }
    assertThat(totalLoad / 17).isBetween(8_800.0, 11_200.0);
    Arrays.sort(yields);
    assertThat(yields[8]).isBetween(1_400.0, 1_800.0);
    // pricing.csv levels 0.21 .. 0.54 USD/kWh, converted at 0.92 EUR/USD
    assertThat(lowestPrice).isCloseTo(0.21 * 0.92, within(1e-9));
    assertThat(highestPrice).isCloseTo(0.54 * 0.92, within(1e-9));
  }

  /** Independent check: the plain sum of one column of building_k.csv. */
  private static double columnSum(int k, int column) throws IOException {
    List<String> rows = Files.readAllLines(data.resolve("building_" + k + ".csv"));
    double sum = 0;
    for (String row : rows.subList(1, rows.size())) {
      sum += Double.parseDouble(row.split(",")[column]);
    }
    return sum;
  }

  @Test
  void fifteenMinutes_conserveEveryDaysEnergy() throws IOException, ScenarioException {
    Path file = scenario("quarter", 14, 1);
    Scenario hourly = ScenarioReader.read(file);
    Scenario quarter = ScenarioReader.read(file, Map.of("horizon.intervalMinutes", "15"));
    for (int d = 0; d < 14; d++) {
      TradingDay h = hourly.day(d, hourly.initialSocKwh());
      TradingDay q = quarter.day(d, quarter.initialSocKwh());
      assertThat(q.intervals()).isEqualTo(96);
      for (int i = 0; i < 17; i++) {
        assertThat(Arrays.stream(q.loadKwh()[i]).sum())
            .isCloseTo(Arrays.stream(h.loadKwh()[i]).sum(), within(1e-9));
        assertThat(Arrays.stream(q.pvKwh()[i]).sum())
            .isCloseTo(Arrays.stream(h.pvKwh()[i]).sum(), within(1e-9));
        for (int t = 0; t < 24; t++) {
          assertThat(q.loadKwh()[i][4 * t + 3]).isCloseTo(h.loadKwh()[i][t] / 4, within(1e-12));
        }
      }
    }
  }

  @Test
  void skipRows_alignsTheFirstRowWithMidnight() throws IOException, ScenarioException {
    Scenario s = ScenarioReader.read(scenario("skip", 1, 1));
    List<String> rows = Files.readAllLines(data.resolve("building_1.csv"));
    // rows.get(0) is the header, rows.get(1) the hour ending 24 of 31 July, rows.get(2) 00-01 h of
    // 1 August
    double expected = Double.parseDouble(rows.get(2).split(",")[3]);
    assertThat(s.day(0, s.initialSocKwh()).loadKwh()[0][0]).isCloseTo(expected, within(1e-12));
    assertThat(s.dayOfYear(0)).isEqualTo(213);
  }
}
