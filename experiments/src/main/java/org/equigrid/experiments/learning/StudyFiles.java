package org.equigrid.experiments.learning;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.equigrid.agents.learning.equity.DayOutcome;
import org.equigrid.config.AdaptiveEquity.RewardIndex;
import org.equigrid.config.Scenario;
import org.equigrid.experiments.learning.PolicyStudy.Comparison;
import org.equigrid.experiments.learning.PolicyStudy.Options;
import org.equigrid.experiments.learning.PolicyStudy.Result;
import org.equigrid.experiments.output.AtomicFiles;

/**
 * The files of {@link PolicyStudy}: {@code study.csv} (each held-out day's index, price of fairness
 * and objective by method), {@code study-summary.csv} (the paired comparisons) and {@code study.md}
 * (the same as a table, under a paragraph saying how the study was run).
 */
final class StudyFiles {

  private StudyFiles() {}

  static String markdown(
      Scenario scenario,
      Options o,
      RewardIndex index,
      double alpha,
      Map<String, Double> best,
      double bestJ,
      List<Comparison> comparisons) {
    StringBuilder md = new StringBuilder();
    md.append(
        String.format(
            Locale.ROOT,
            "# Learned vs static weights: %s, settlement %s%n%n",
            scenario.name(),
            scenario.settlement().rule().fileName()));
    md.append(
        String.format(
            Locale.ROOT,
            "Reward index `%s` (after settlement), objective J = index + %s × price of"
                + " fairness (lower is better). %d seeds × %d episodes of %d days on training days [%d, %d); best static"
                + " weights chosen on %d training days: %s (mean J %.5f); %s. Held-out: %d blocks of %d days from day %d,"
                + " spread over a year. Differences are learned − baseline per day (negative: learned is better), with"
                + " 95 %% t-intervals over days; `all` averages the seeds per day.%n%n",
            index.fileName(),
            alpha,
            o.seeds().size(),
            o.episodes(),
            o.episodeDays(),
            o.poolFromDay(),
            o.poolToDay(),
            o.selectionDays(),
            rounded(best),
            bestJ,
            o.residualScale() > 0
                ? "the learned policies are residual policies around them (scale "
                    + o.residualScale()
                    + "; mean action at evaluation)"
                : "the learned policies are plain (no residual anchor)",
            o.blocks(),
            o.blockDays(),
            o.heldOutFromDay()));
    md.append(
        "| seed | quantity | baseline | days | mean difference | 95 % CI |\n|---|---|---|---|---|---|\n");
    for (Comparison c : comparisons) {
      md.append(
          String.format(
              Locale.ROOT,
              "| %s | %s | %s | %d | %+.5f | [%+.5f, %+.5f] |%n",
              c.seed(),
              c.quantity(),
              c.baseline(),
              c.days(),
              c.meanDifference(),
              c.ciLow(),
              c.ciHigh()));
    }
    return md.toString();
  }

  static void write(
      Result result,
      List<Integer> days,
      Map<String, List<DayOutcome>> fixed,
      Map<Long, List<DayOutcome>> learned,
      RewardIndex index,
      double alpha,
      Path dir) {
    StringBuilder csv = new StringBuilder("seed,day");
    List<String> methods = new ArrayList<>(fixed.keySet());
    methods.add("learned");
    for (String m : methods) {
      csv.append(",index_").append(m.replace('-', '_'));
    }
    for (String m : methods) {
      csv.append(",price_of_fairness_").append(m.replace('-', '_'));
    }
    for (String m : methods) {
      csv.append(",objective_").append(m.replace('-', '_'));
    }
    csv.append('\n');
    for (Map.Entry<Long, List<DayOutcome>> e : learned.entrySet()) {
      for (int d = 0; d < days.size(); d++) {
        List<DayOutcome> row = new ArrayList<>();
        for (List<DayOutcome> f : fixed.values()) {
          row.add(f.get(d));
        }
        row.add(e.getValue().get(d));
        csv.append(e.getKey()).append(',').append(days.get(d));
        for (DayOutcome x : row) {
          csv.append(',').append(num(x.index(index)));
        }
        for (DayOutcome x : row) {
          csv.append(',').append(num(x.priceOfFairness()));
        }
        for (DayOutcome x : row) {
          csv.append(',').append(num(PolicyStudy.objective(x, index, alpha)));
        }
        csv.append('\n');
      }
    }
    AtomicFiles.write(dir.resolve(PolicyStudy.STUDY_CSV), csv.toString());
    StringBuilder summary =
        new StringBuilder("seed,quantity,baseline,days,mean_difference,ci95_low,ci95_high\n");
    for (Comparison c : result.comparisons()) {
      summary.append(
          String.format(
              Locale.ROOT,
              "%s,%s,%s,%d,%s,%s,%s%n",
              c.seed(),
              c.quantity(),
              c.baseline(),
              c.days(),
              num(c.meanDifference()),
              num(c.ciLow()),
              num(c.ciHigh())));
    }
    AtomicFiles.write(dir.resolve(PolicyStudy.SUMMARY_CSV), summary.toString());
    AtomicFiles.write(dir.resolve(PolicyStudy.SUMMARY_MD), result.markdown());
  }

  private static String num(double x) {
    return Double.isFinite(x)
        ? String.format(Locale.ROOT, "%.6f", x + 0.0)
        : ""; // + 0.0: no "-0.000000"
  }

  static Map<String, String> rounded(Map<String, Double> weights) {
    Map<String, String> out = new LinkedHashMap<>();
    weights.forEach((g, w) -> out.put(g, String.format(Locale.ROOT, "%.3f", w)));
    return out;
  }
}
