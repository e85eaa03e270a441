package org.equigrid.experiments.learning;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.equigrid.agents.learning.Step;
import org.equigrid.agents.learning.equity.DayEvaluator;
import org.equigrid.agents.learning.equity.DayOutcome;
import org.equigrid.agents.learning.equity.EquityEnvironment;
import org.equigrid.agents.learning.equity.EquityEnvironmentOptions;
import org.equigrid.agents.learning.equity.EquityPolicy;
import org.equigrid.config.Scenario;
import org.equigrid.experiments.output.AtomicFiles;

/**
 * Compares neutral weights, the scenario's static weights and a learned policy on held-out days
 * (by default the days after the training pool). The learned policy sees the day before (the
 * warm-up day runs with the static weights) and sets each day's weights; the baselines run the same
 * days with fixed weights. All three use the same day evaluator (same settlement), so the
 * comparison is paired day by day.
 */
public final class PolicyEvaluation {

  public static final String EVALUATION_CSV = "evaluation.csv";
  public static final String SUMMARY_TXT = "evaluation-summary.txt";
  static final List<String> METHODS = List.of("neutral", "static", "learned");

  /** Means over the evaluated days of one method. */
  public record MethodSummary(
      String method, double meanGini, double meanPriceOfFairness, double meanCostEur,
      Map<String, Double> meanBurdenGap) {}

  /**
   * @param days the evaluated day indices
   * @param byMethod per method (neutral, static, learned) the outcome of each day
   * @param summaries per method, the means
   * @param learnedBeatsBoth the learned policy's mean Gini is below both baselines'
   * @param verdict one plain sentence saying whether and at what price of fairness
   */
  public record Result(
      List<Integer> days, Map<String, List<DayOutcome>> byMethod, List<MethodSummary> summaries,
      boolean learnedBeatsBoth, String verdict) {}

  private PolicyEvaluation() {}

  /** Evaluates {@code days} days from {@code firstDay} (the warm-up day is {@code firstDay − 1}). */
  public static Result run(Scenario scenario, EquityPolicy policy, int firstDay, int days) {
    if (firstDay < 1 || days < 1) {
      throw new IllegalArgumentException(
          "firstDay (" + firstDay + ") must be >= 1 and days (" + days + ") >= 1. Maybe evaluate from day 365?");
    }
    EquityEnvironmentOptions options = policy.settings().environmentOptions()
        .withEpisodeDays(days).withPool(firstDay - 1, firstDay + days);
    DayEvaluator evaluator = new DayEvaluator(scenario, options);
    EquityEnvironment env = new EquityEnvironment(evaluator, options);
    List<DayOutcome> learned = new ArrayList<>();
    double[] obs = env.resetAt(firstDay - 1);
    for (int k = 0; k < days; k++) {
      Step step = env.step(policy.action(obs));
      learned.add(env.lastOutcome());
      obs = step.observation();
    }
    List<DayOutcome> neutral = new ArrayList<>();
    List<DayOutcome> fixed = new ArrayList<>();
    double[] ones = new double[evaluator.weightMap().dimensions()];
    java.util.Arrays.fill(ones, 1.0);
    List<Integer> dayIndices = new ArrayList<>();
    for (int k = 0; k < days; k++) {
      int day = firstDay + k;
      dayIndices.add(day);
      neutral.add(evaluator.evaluate(day, ones));
      fixed.add(evaluator.evaluate(day, evaluator.staticWeights()));
    }
    Map<String, List<DayOutcome>> byMethod = new LinkedHashMap<>();
    byMethod.put("neutral", neutral);
    byMethod.put("static", fixed);
    byMethod.put("learned", learned);
    List<MethodSummary> summaries = new ArrayList<>();
    for (Map.Entry<String, List<DayOutcome>> entry : byMethod.entrySet()) {
      summaries.add(summarise(entry.getKey(), entry.getValue(), evaluator.weightMap().groups()));
    }
    MethodSummary n = summaries.get(0);
    MethodSummary s = summaries.get(1);
    MethodSummary l = summaries.get(2);
    boolean beats = l.meanGini() < n.meanGini() && l.meanGini() < s.meanGini();
    String verdict = String.format(Locale.ROOT,
        "%s: mean Gini of energy burden over %d held-out days (%d..%d) is %.4f with the learned policy, "
            + "%.4f with neutral and %.4f with static weights; mean price of fairness %.2f %% (static %.2f %%).",
        beats ? "The learned policy lowers the mean Gini below both baselines"
            : "The learned policy does NOT lower the mean Gini below both baselines",
        days, firstDay, firstDay + days - 1, l.meanGini(), n.meanGini(), s.meanGini(),
        100 * l.meanPriceOfFairness(), 100 * s.meanPriceOfFairness());
    return new Result(dayIndices, byMethod, summaries, beats, verdict);
  }

  /**
   * Writes {@value #EVALUATION_CSV} (one row per day, numeric columns; an undefined value is an
   * empty cell) and {@value #SUMMARY_TXT}.
   */
  public static void write(Result result, List<String> groups, Path dir) {
    StringBuilder csv = new StringBuilder("day");
    for (String m : METHODS) {
      csv.append(",gini_").append(m);
    }
    for (String m : METHODS) {
      csv.append(",price_of_fairness_").append(m);
    }
    for (String m : METHODS) {
      csv.append(",cost_eur_").append(m);
    }
    for (String m : METHODS) {
      for (String g : groups) {
        csv.append(",burden_gap_").append(g).append('_').append(m);
      }
    }
    for (String g : groups) {
      csv.append(",weight_").append(g).append("_learned");
    }
    csv.append('\n');
    for (int k = 0; k < result.days().size(); k++) {
      csv.append(result.days().get(k));
      for (String m : METHODS) {
        csv.append(',').append(num(result.byMethod().get(m).get(k).giniEnergyBurden()));
      }
      for (String m : METHODS) {
        csv.append(',').append(num(result.byMethod().get(m).get(k).priceOfFairness()));
      }
      for (String m : METHODS) {
        csv.append(',').append(num(result.byMethod().get(m).get(k).communityCostEur()));
      }
      for (String m : METHODS) {
        for (String g : groups) {
          csv.append(',').append(num(result.byMethod().get(m).get(k).burdenGap().getOrDefault(g, Double.NaN)));
        }
      }
      for (String g : groups) {
        csv.append(',').append(num(result.byMethod().get("learned").get(k).weights().get(g)));
      }
      csv.append('\n');
    }
    AtomicFiles.write(dir.resolve(EVALUATION_CSV), csv.toString());
    AtomicFiles.write(dir.resolve(SUMMARY_TXT), summaryText(result, groups));
  }

  /** A table of the means per method followed by the verdict. */
  public static String summaryText(Result result, List<String> groups) {
    StringBuilder text = new StringBuilder();
    text.append(String.format(Locale.ROOT, "%-8s %10s %12s %12s", "weights", "mean Gini", "price fair.", "cost EUR/d"));
    for (String g : groups) {
      text.append(String.format(Locale.ROOT, " %12s", "gap " + g));
    }
    text.append('\n');
    for (MethodSummary s : result.summaries()) {
      text.append(String.format(Locale.ROOT, "%-8s %10.4f %11.2f%% %12.2f", s.method(), s.meanGini(),
          100 * s.meanPriceOfFairness(), s.meanCostEur()));
      for (String g : groups) {
        text.append(String.format(Locale.ROOT, " %12.3f", s.meanBurdenGap().getOrDefault(g, Double.NaN)));
      }
      text.append('\n');
    }
    text.append(result.verdict()).append('\n');
    return text.toString();
  }

  private static MethodSummary summarise(String method, List<DayOutcome> days, List<String> groups) {
    double gini = 0;
    double pof = 0;
    int pofDays = 0;
    double cost = 0;
    Map<String, Double> gaps = new LinkedHashMap<>();
    for (DayOutcome d : days) {
      gini += d.giniEnergyBurden();
      if (Double.isFinite(d.priceOfFairness())) { // undefined (NaN) on days without cooperative gain
        pof += d.priceOfFairness();
        pofDays++;
      }
      cost += d.communityCostEur();
      for (String g : groups) {
        gaps.merge(g, d.burdenGap().getOrDefault(g, Double.NaN) / days.size(), Double::sum);
      }
    }
    return new MethodSummary(
        method, gini / days.size(), pofDays > 0 ? pof / pofDays : Double.NaN, cost / days.size(), gaps);
  }

  private static String num(double x) {
    return Double.isFinite(x) ? String.format(Locale.ROOT, "%.6f", x) : ""; // undefined: an empty cell
  }
}
