package org.equigrid.experiments.learning;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import org.equigrid.agents.learning.Step;
import org.equigrid.agents.learning.equity.DayEvaluator;
import org.equigrid.agents.learning.equity.DayOutcome;
import org.equigrid.agents.learning.equity.EquityEnvironment;
import org.equigrid.agents.learning.equity.EquityEnvironmentOptions;
import org.equigrid.agents.learning.equity.EquityPolicy;
import org.equigrid.config.AdaptiveEquity.RewardIndex;
import org.equigrid.config.Scenario;
import org.equigrid.experiments.output.AtomicFiles;

/**
 * Compares neutral weights, the scenario's static weights and a learned policy on held-out days (by
 * default the days after the training pool). The learned policy sees the day before (the warm-up
 * day runs with the static weights) and sets each day's weights; the baselines run the same days
 * with fixed weights. All three use the same day evaluator (same settlement rule), so the
 * comparison is paired day by day. The verdict is on the policy's reward index; every burden index
 * is after settlement, and a mean over days is over the days on which the index is defined (the
 * count of undefined days is reported).
 */
public final class PolicyEvaluation {

  public static final String EVALUATION_CSV = "evaluation.csv";
  public static final String SUMMARY_TXT = "evaluation-summary.txt";
  static final List<String> METHODS = List.of("neutral", "static", "learned");

  /** The indices of {@value #EVALUATION_CSV}, by column stem. */
  static final Map<String, ToDoubleFunction<DayOutcome>> INDICES = new LinkedHashMap<>();

  static {
    INDICES.put("largest_burden", DayOutcome::largestEnergyBurden);
    INDICES.put("gini_burden_net_payers", DayOutcome::giniEnergyBurdenNetPayers);
    INDICES.put("least_advantaged_burden", DayOutcome::leastAdvantagedMeanEnergyBurden);
    INDICES.put("gini_burden", DayOutcome::giniEnergyBurden);
    INDICES.put("price_of_fairness", DayOutcome::priceOfFairness);
    INDICES.put("cost_eur", DayOutcome::communityCostEur);
  }

  /**
   * Means over the evaluated days of one method.
   *
   * @param meanIndex mean of the reward index over the days it is defined
   * @param undefinedIndexDays days on which the reward index is undefined
   * @param meanPriceOfFairness mean share of the cost-minimising gain given up (defined days)
   * @param means per column stem of {@link #INDICES}, the mean over its defined days
   */
  public record MethodSummary(
      String method,
      double meanIndex,
      int undefinedIndexDays,
      double meanPriceOfFairness,
      double meanCostEur,
      Map<String, Double> means,
      Map<String, Double> meanBurdenDifference) {}

  /**
   * @param index the policy's reward index
   * @param days the evaluated day indices
   * @param byMethod per method (neutral, static, learned) the outcome of each day
   * @param summaries per method, the means
   * @param learnedBeatsBoth the learned policy's mean reward index is below both baselines'
   * @param verdict one plain sentence saying whether and at what price of fairness
   */
  public record Result(
      RewardIndex index,
      List<Integer> days,
      Map<String, List<DayOutcome>> byMethod,
      List<MethodSummary> summaries,
      boolean learnedBeatsBoth,
      String verdict) {}

  private PolicyEvaluation() {}

  /**
   * Evaluates {@code days} days from {@code firstDay} (the warm-up day is {@code firstDay − 1}).
   */
  public static Result run(Scenario scenario, EquityPolicy policy, int firstDay, int days) {
    if (firstDay < 1 || days < 1) {
      throw new IllegalArgumentException(
          "firstDay ("
              + firstDay
              + ") must be >= 1 and days ("
              + days
              + ") >= 1. Maybe evaluate from day 365?");
    }
    EquityEnvironmentOptions options =
        policy
            .settings()
            .environmentOptions()
            .withEpisodeDays(days)
            .withPool(firstDay - 1, firstDay + days);
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
    RewardIndex index = options.rewardIndex();
    List<MethodSummary> summaries = new ArrayList<>();
    for (Map.Entry<String, List<DayOutcome>> entry : byMethod.entrySet()) {
      summaries.add(
          summarise(entry.getKey(), entry.getValue(), index, evaluator.weightMap().groups()));
    }
    MethodSummary n = summaries.get(0);
    MethodSummary s = summaries.get(1);
    MethodSummary l = summaries.get(2);
    boolean beats = l.meanIndex() < n.meanIndex() && l.meanIndex() < s.meanIndex();
    String verdict =
        String.format(
            Locale.ROOT,
            "%s: mean %s (after settlement by %s) over %d held-out days (%d..%d) is %.5f with the learned policy, "
                + "%.5f with neutral and %.5f with static weights; mean price of fairness %.2f %% of the gain "
                + "(neutral %.2f %%, static %.2f %%).",
            beats
                ? "The learned policy lowers the mean " + index.fileName() + " below both baselines"
                : "The learned policy does NOT lower the mean "
                    + index.fileName()
                    + " below both baselines",
            index.fileName(),
            scenario.settlement().rule().fileName(),
            days,
            firstDay,
            firstDay + days - 1,
            l.meanIndex(),
            n.meanIndex(),
            s.meanIndex(),
            100 * l.meanPriceOfFairness(),
            100 * n.meanPriceOfFairness(),
            100 * s.meanPriceOfFairness());
    return new Result(index, dayIndices, byMethod, summaries, beats, verdict);
  }

  /**
   * Writes {@value #EVALUATION_CSV} (one row per day, numeric columns; an undefined value is an
   * empty cell) and {@value #SUMMARY_TXT}.
   */
  public static void write(Result result, List<String> groups, Path dir) {
    StringBuilder csv = new StringBuilder("day");
    for (String stem : INDICES.keySet()) {
      for (String m : METHODS) {
        csv.append(',').append(stem).append('_').append(m);
      }
    }
    for (String m : METHODS) {
      for (String g : groups) {
        csv.append(",burden_difference_").append(g).append('_').append(m);
      }
    }
    for (String g : groups) {
      csv.append(",weight_").append(g).append("_learned");
    }
    csv.append('\n');
    for (int k = 0; k < result.days().size(); k++) {
      csv.append(result.days().get(k));
      for (ToDoubleFunction<DayOutcome> value : INDICES.values()) {
        for (String m : METHODS) {
          csv.append(',').append(num(value.applyAsDouble(result.byMethod().get(m).get(k))));
        }
      }
      for (String m : METHODS) {
        for (String g : groups) {
          csv.append(',')
              .append(
                  num(
                      result
                          .byMethod()
                          .get(m)
                          .get(k)
                          .burdenDifference()
                          .getOrDefault(g, Double.NaN)));
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
    text.append("reward index: ")
        .append(result.index().fileName())
        .append(" (means over the days it is defined)\n");
    text.append(
        String.format(
            Locale.ROOT,
            "%-8s %10s %6s %10s %10s %10s %10s %12s %12s",
            "weights",
            "index",
            "undef",
            "largest",
            "Gini net",
            "LA burden",
            "Gini all",
            "price fair.",
            "cost EUR/d"));
    for (String g : groups) {
      text.append(String.format(Locale.ROOT, " %12s", "Δburden " + g));
    }
    text.append('\n');
    for (MethodSummary s : result.summaries()) {
      text.append(
          String.format(
              Locale.ROOT,
              "%-8s %10.5f %6d %10.5f %10.4f %10.5f %10.4f %11.2f%% %12.2f",
              s.method(),
              s.meanIndex(),
              s.undefinedIndexDays(),
              s.means().get("largest_burden"),
              s.means().get("gini_burden_net_payers"),
              s.means().get("least_advantaged_burden"),
              s.means().get("gini_burden"),
              100 * s.meanPriceOfFairness(),
              s.meanCostEur()));
      for (String g : groups) {
        text.append(
            String.format(
                Locale.ROOT, " %12.5f", s.meanBurdenDifference().getOrDefault(g, Double.NaN)));
      }
      text.append('\n');
    }
    text.append(
        "(burdens are fractions of daily income after settlement; LA = least-advantaged groups; Δburden = "
            + "group mean minus community mean; price of fairness = share of the cost-minimising gain given up)\n");
    text.append(result.verdict()).append('\n');
    return text.toString();
  }

  private static MethodSummary summarise(
      String method, List<DayOutcome> days, RewardIndex index, List<String> groups) {
    Map<String, Double> means = new LinkedHashMap<>();
    for (Map.Entry<String, ToDoubleFunction<DayOutcome>> e : INDICES.entrySet()) {
      means.put(e.getKey(), meanOfDefined(days, e.getValue()));
    }
    int undefined = 0;
    for (DayOutcome d : days) {
      undefined += Double.isFinite(d.index(index)) ? 0 : 1;
    }
    Map<String, Double> differences = new LinkedHashMap<>();
    for (String g : groups) {
      differences.put(
          g, meanOfDefined(days, d -> d.burdenDifference().getOrDefault(g, Double.NaN)));
    }
    return new MethodSummary(
        method,
        meanOfDefined(days, d -> d.index(index)),
        undefined,
        means.get("price_of_fairness"),
        means.get("cost_eur"),
        means,
        differences);
  }

  /** Mean over the days on which the value is defined; NaN when it never is. */
  static double meanOfDefined(List<DayOutcome> days, ToDoubleFunction<DayOutcome> value) {
    double sum = 0;
    int count = 0;
    for (DayOutcome d : days) {
      double v = value.applyAsDouble(d);
      if (Double.isFinite(v)) {
        sum += v;
        count++;
      }
    }
    return count == 0 ? Double.NaN : sum / count;
  }

  private static String num(double x) {
    return Double.isFinite(x)
        ? String.format(Locale.ROOT, "%.6f", x)
        : ""; // undefined: an empty cell
  }
}
