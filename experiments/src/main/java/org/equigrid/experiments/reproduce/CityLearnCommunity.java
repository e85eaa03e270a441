package org.equigrid.experiments.reproduce;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.equigrid.config.Scenario;
import org.equigrid.market.model.Household;

/**
 * Turns a reference scenario into the same scenario on the 17 CityLearn 2022 homes (real hourly
 * load and PV, the dataset's PV sizes and batteries and its time-of-use import price): the
 * scenario's own recipe, run for 17 households, assigns each home its group and income (home {@code
 * k} takes the {@code k}-th generated household); its {@code pv} and {@code batteries} flags still
 * decide whether the homes keep their PV and batteries; trading, equity, export price, peak charge,
 * horizon and seed are the scenario's.
 */
public final class CityLearnCommunity {

  /** Homes in the dataset. */
  public static final int HOMES = 17;

  /** USD to EUR for the dataset's USD prices. */
  public static final double USD_TO_EUR = 0.92;

  private CityLearnCommunity() {}

  /**
   * Whether {@code dir} looks like the CityLearn folder (assets.json, pricing.csv, building_1.csv).
   */
  public static boolean present(Path dir) {
    return dir != null
        && Files.isRegularFile(dir.resolve("assets.json"))
        && Files.isRegularFile(dir.resolve("pricing.csv"))
        && Files.isRegularFile(dir.resolve("building_1.csv"));
  }

  /**
   * The real-data scenario YAML.
   *
   * @param generated the reference scenario read with {@code community.generate.households=17}
   * @param data the folder holding {@code building_<k>.csv}, {@code assets.json}, {@code
   *     pricing.csv}
   */
  public static String yaml(Scenario generated, Path data) {
    if (generated.households().size() != HOMES) {
      throw new IllegalArgumentException(
          "scenario "
              + generated.name()
              + " has "
              + generated.households().size()
              + " households; read it with community.generate.households="
              + HOMES);
    }
    ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
    try {
      ObjectNode root = (ObjectNode) yaml.readTree(generated.canonicalYaml());
      JsonNode assets = new ObjectMapper().readTree(data.resolve("assets.json").toFile());
      JsonNode recipe = root.path("community").path("generate");
      boolean pv = recipe.path("pv").asBoolean(true);
      boolean batteries = recipe.path("batteries").asBoolean(true);
      if (generated.adaptiveEquity() != null && generated.adaptiveEquity().hasPolicy()) {
        // the policy was resolved against the reference scenario's folder: keep it found from here
        ((ObjectNode) root.path("equity").path("adaptive"))
            .put("policy", generated.adaptiveEquity().policy().toAbsolutePath().toString());
      }
      root.put("name", generated.name() + "-citylearn");
      root.put(
          "description",
          generated.description() + " On the 17 CityLearn 2022 homes (real load and PV).");
      ObjectNode community = root.putObject("community");
      ArrayNode households = community.putArray("households");
      List<Household> members = generated.households();
      for (int k = 1; k <= HOMES; k++) {
        Household member = members.get(k - 1);
        JsonNode home = assets.path("building_" + k);
        ObjectNode household = households.addObject();
        household.put("id", String.format(java.util.Locale.ROOT, "b%02d", k));
        household.put("dataKey", Integer.toString(k));
        household.put("group", member.group());
        household.put("dailyIncomeEur", member.dailyIncomeEur());
        if (pv) {
          household.put("pvKwp", home.path("pv_nominal_power_kw").asDouble());
        }
        JsonNode battery = home.path("battery");
        if (pv && batteries && battery.path("capacity").asDouble() > 0) {
          ObjectNode b = household.putObject("battery");
          b.put("capacityKwh", battery.path("capacity").asDouble());
          b.put("powerKw", battery.path("nominal_power").asDouble());
          b.put("roundTripEfficiency", battery.path("efficiency").asDouble());
        }
      }
      String buildings = data.toAbsolutePath().resolve("building_{key}.csv").toString();
      ObjectNode csv = root.putObject("profiles").putObject("csv");
      csv.put("layout", "per-household");
      csv.put("intervalMinutes", 60);
      csv.put("firstDayOfYear", 213);
      csv.put("skipRows", 1);
      csv.putObject("load")
          .put("path", buildings)
          .put("column", "non_shiftable_load_kwh")
          .put("unit", "kWh");
      csv.putObject("pv")
          .put("path", buildings)
          .put("column", "solar_generation_w_per_kw")
          .put("unit", "W-per-kWp");
      ObjectNode tariff = (ObjectNode) root.path("tariff");
      tariff.remove("importPeriods");
      tariff.remove("importPriceEurPerKwh");
      ObjectNode price = tariff.putObject("importPriceCsv");
      price.put("path", data.toAbsolutePath().resolve("pricing.csv").toString());
      price.put("column", "electricity_pricing");
      price.put("intervalMinutes", 60);
      price.put("firstDayOfYear", 213);
      price.put("skipRows", 1);
      price.put("multiplier", USD_TO_EUR);
      return "# Written by equigrid reproduce --real-data from "
          + generated.name()
          + "\n"
          + yaml.writeValueAsString(root).replaceFirst("^---\\s*\n", "");
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + data + ": " + e.getMessage(), e);
    }
  }
}
