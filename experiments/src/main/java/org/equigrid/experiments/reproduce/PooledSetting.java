package org.equigrid.experiments.reproduce;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.equigrid.experiments.output.ResultsWriter;
import org.equigrid.experiments.sweep.RunSummary;

/**
 * One settlement setting over several runs of the same scenario on different days (the blocks of
 * the year): the day values of their {@code summary.json} pooled as if they were one run. Means
 * over days are over all pooled days where the value is defined; the price of fairness is the ratio
 * of the sums over the days where it is defined, as in {@code totals}.
 */
final class PooledSetting {

  /** Day keys pooled into totals keys (mean over the days where defined). */
  private static final Map<String, String> MEANS =
      Map.of(
          "equity.largestEnergyBurden", "meanLargestEnergyBurden",
          "equity.giniEnergyBurdenNetPayers", "meanGiniEnergyBurdenNetPayers",
          "equity.giniEnergyBurden", "meanGiniEnergyBurden",
          "equity.shareEnergyBurdenAbove6Percent", "meanShareEnergyBurdenAbove6Percent",
          "equity.shareEnergyBurdenAbove10Percent", "meanShareEnergyBurdenAbove10Percent");

  private PooledSetting() {}

  /** The pooled setting; its summary and group figures are null when a run is missing. */
  static RuleTable.Setting of(
      String label,
      String dispatch,
      String rule,
      String folder,
      boolean reference,
      List<Path> dirs,
      Set<String> groups,
      Map<String, Double> incomes) {
    Map<String, double[]> sums = new LinkedHashMap<>();
    MEANS.values().forEach(k -> sums.put(k, new double[2]));
    double pofEur = 0;
    double gainEur = 0;
    int pofDays = 0;
    int days = 0;
    int dropped = 0;
    long seed = 0;
    int households = 0;
    double[] group = new double[6];
    for (Path dir : dirs) {
      Path file = dir.resolve(ResultsWriter.SUMMARY_JSON);
      GroupFigures figures = GroupFigures.read(dir, groups, incomes);
      if (!Files.isRegularFile(file) || figures == null || RunSummary.read(dir) == null) {
        return new RuleTable.Setting(label, dispatch, rule, folder, reference, null, null);
      }
      JsonNode root;
      try {
        root = new ObjectMapper().readTree(file.toFile());
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot read " + file + ": " + e.getMessage(), e);
      }
      seed = root.path("seed").asLong();
      households = root.path("households").asInt();
      int runDays = root.path("dayResults").size();
      for (JsonNode day : root.path("dayResults")) {
        MEANS.forEach(
            (dayKey, totalKey) -> {
              JsonNode node = day;
              for (String part : dayKey.split("\\.")) {
                node = node.path(part);
              }
              if (node.isNumber()) {
                sums.get(totalKey)[0] += node.asDouble();
                sums.get(totalKey)[1]++;
              }
            });
        if (day.path("priceOfFairness").isNumber()) {
          pofEur += day.path("priceOfFairnessEur").asDouble();
          gainEur += day.path("costMinimisingGainEur").asDouble();
          pofDays++;
        }
        JsonNode kept = day.path("settlement").path("coreRowsKept");
        dropped += kept.isBoolean() && !kept.asBoolean() ? 1 : 0;
      }
      days += runDays;
      double[] values = {
        figures.meanEnergyBurden(),
        figures.meanBillEur(),
        figures.meanNetPayers(),
        figures.meanNegativeBurden(),
        figures.boundLargestEnergyBurden(),
        figures.boundMeanEnergyBurden()
      };
      for (int k = 0; k < values.length; k++) {
        group[k] += values[k] * runDays; // each run's figure is a mean over its days
      }
    }
    Map<String, Double> metrics = new LinkedHashMap<>();
    sums.forEach((key, sum) -> metrics.put(key, sum[1] == 0 ? Double.NaN : sum[0] / sum[1]));
    metrics.put("priceOfFairnessRatioOfSums", pofDays == 0 ? Double.NaN : pofEur / gainEur);
    int d = Math.max(1, days);
    GroupFigures pooled =
        new GroupFigures(
            groups,
            group[0] / d,
            group[1] / d,
            group[2] / d,
            group[3] / d,
            group[4] / d,
            group[5] / d);
    return new RuleTable.Setting(
        label,
        dispatch,
        rule,
        folder,
        reference,
        new RunSummary(label, seed, days, households, metrics),
        pooled,
        dropped);
  }
}
