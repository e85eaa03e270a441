package org.equigrid.experiments.learning;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import org.equigrid.agents.learning.Step;
import org.equigrid.agents.learning.equity.DayEvaluator;
import org.equigrid.agents.learning.equity.DayOutcome;
import org.equigrid.agents.learning.equity.EquityEnvironment;
import org.equigrid.agents.learning.equity.EquityEnvironmentOptions;
import org.equigrid.agents.learning.equity.EquityPolicy;
import org.equigrid.agents.learning.equity.ResidualAction;
import org.equigrid.agents.learning.equity.TrainingSettings;
import org.equigrid.config.AdaptiveEquity.RewardIndex;
import org.equigrid.config.Scenario;

/**
 * Is learning worth it? Trains one policy per seed and compares it on held-out days spread over a
 * year with neutral weights, the scenario's static weights and the best static weights chosen on
 * training days only (a grid), by per-day paired differences with 95 % t-intervals.
 *
 * <p>Objective {@code J = I + α · priceOfFairness} per day (lower is better), the training reward
 * without its change term; {@code I} is the reward index. A term whose value is undefined that day
 * is left out, as in the reward; a day whose index is undefined for one of the two methods compared
 * is left out of that comparison (and counted).
 *
 * <p>Best static: {@link BestStatic} (a grid of weightings plus the scenario's static weights, the
 * smallest mean {@code J} over {@code selectionDays} training days spread evenly over the training
 * pool). With {@code residualScale > 0} each seed's policy is a residual policy around these
 * weights ({@link ResidualAction}): its action moves the weights away from them, so its mean action
 * at the start of training runs them; evaluation uses the mean action.
 *
 * <p>Held-out days: {@code blocks} blocks of {@code blockDays} consecutive days, block {@code b}
 * from day {@code heldOutFromDay + b · 365 / blocks}; the policy runs each block as an episode
 * after a warm-up day with the static weights (it sees the day before), the fixed weights run the
 * same days.
 */
public final class PolicyStudy {

  public static final String STUDY_CSV = "study.csv";
  public static final String SUMMARY_CSV = "study-summary.csv";
  public static final String SUMMARY_MD = "study.md";

  /**
   * @param seeds training seeds (each trains its own policy)
   * @param episodes training episodes per seed
   * @param episodeDays days per training episode
   * @param poolFromDay training pool start (inclusive)
   * @param poolToDay training pool end (exclusive)
   * @param selectionDays training days the best static weights are chosen on
   * @param heldOutFromDay first held-out day (at or after {@code poolToDay})
   * @param blocks held-out blocks over a year
   * @param blockDays consecutive days per block
   * @param residualScale the residual policy's scale around the best static weights ({@link
   *     ResidualAction#scale()}); 0 for a plain policy (no anchor)
   */
  public record Options(
      List<Long> seeds,
      int episodes,
      int episodeDays,
      int poolFromDay,
      int poolToDay,
      int selectionDays,
      int heldOutFromDay,
      int blocks,
      int blockDays,
      double residualScale) {

    public Options {
      if (!(residualScale >= 0 && residualScale <= 2)) {
        throw new IllegalArgumentException(
            "--residual-scale ("
                + residualScale
                + ") must be in [0, 2]; 0 trains"
                + " a plain policy. Maybe "
                + ResidualAction.DEFAULT_SCALE
                + "?");
      }
      seeds = List.copyOf(seeds);
      if (seeds.isEmpty() || episodes < 1 || selectionDays < 1 || blocks < 1 || blockDays < 1) {
        throw new IllegalArgumentException(
            "seeds must not be empty and episodes ("
                + episodes
                + "), selection days ("
                + selectionDays
                + "), blocks ("
                + blocks
                + ") and block days ("
                + blockDays
                + ") must be >= 1.");
      }
      if (heldOutFromDay < poolToDay) {
        throw new IllegalArgumentException(
            "held-out days start at "
                + heldOutFromDay
                + ", inside the training pool"
                + " ["
                + poolFromDay
                + ", "
                + poolToDay
                + "). Maybe --held-out-from "
                + poolToDay
                + "?");
      }
    }
  }

  /**
   * A paired comparison: per-day differences learned − baseline of one quantity.
   *
   * @param seed the seed, or {@code all} (per day, the mean over seeds)
   * @param quantity {@code index} or {@code objective}
   * @param baseline {@code neutral}, {@code static} or {@code best-static}
   * @param days paired days (both defined)
   * @param meanDifference mean of learned − baseline (negative: the learned policy is lower,
   *     better)
   * @param ciLow lower end of the 95 % t-interval
   * @param ciHigh upper end
   */
  public record Comparison(
      String seed,
      String quantity,
      String baseline,
      int days,
      double meanDifference,
      double ciLow,
      double ciHigh) {}

  /** The study: the chosen static weights, every paired comparison, and a markdown table. */
  public record Result(
      RewardIndex index,
      double alpha,
      Map<String, Double> bestStaticWeights,
      double bestStaticTrainingObjective,
      List<Comparison> comparisons,
      String markdown) {}

  private PolicyStudy() {}

  public static Result run(Scenario scenario, Options o, Path outDir, Consumer<String> progress) {
    RewardIndex index = EquityTrainer.rewardIndex(scenario);
    TrainingSettings base =
        TrainingSettings.defaults(o.seeds().get(0), o.episodeDays())
            .withPool(o.poolFromDay(), o.poolToDay())
            .withRewardIndex(index);
    double alpha = base.alpha();
    EquityEnvironmentOptions envOptions = base.environmentOptions();
    DayEvaluator evaluator = new DayEvaluator(scenario, envOptions);
    // 1. best static weights on training days only (also the learner's residual anchor)
    BestStatic chosen =
        BestStatic.choose(
            evaluator, o.poolFromDay(), o.poolToDay(), o.selectionDays(), index, alpha);
    double[] best = chosen.weights();
    double bestJ = chosen.meanObjective();
    progress.accept(
        String.format(
            Locale.ROOT,
            "best static weights on %d training days: %s (mean J %.5f)",
            o.selectionDays(),
            StudyFiles.rounded(evaluator.weightMap().asMap(best)),
            bestJ));
    ResidualAction residual =
        o.residualScale() > 0
            ? ResidualAction.around(evaluator.weightMap(), best, o.residualScale())
            : ResidualAction.NONE;
    // 2. held-out days under fixed weights
    List<Integer> days = new ArrayList<>();
    for (int b = 0; b < o.blocks(); b++) {
      int start = o.heldOutFromDay() + (int) ((long) b * 365 / o.blocks());
      for (int k = 0; k < o.blockDays(); k++) {
        days.add(start + k);
      }
    }
    double[] ones = new double[evaluator.weightMap().dimensions()];
    Arrays.fill(ones, 1.0);
    Map<String, List<DayOutcome>> fixed = new LinkedHashMap<>();
    fixed.put("neutral", evaluateAll(evaluator, days, ones));
    fixed.put("static", evaluateAll(evaluator, days, evaluator.staticWeights()));
    fixed.put("best-static", evaluateAll(evaluator, days, best));
    // 3. one policy per seed
    Map<Long, List<DayOutcome>> learned = new LinkedHashMap<>();
    for (long seed : o.seeds()) {
      TrainingSettings settings =
          TrainingSettings.defaults(seed, o.episodeDays())
              .withPool(o.poolFromDay(), o.poolToDay())
              .withRewardIndex(index)
              .withResidual(residual);
      Path dir = outDir.resolve("seed-" + seed);
      long start = System.nanoTime();
      new EquityTrainer(scenario, settings).train(o.episodes(), null, dir, null);
      EquityPolicy policy = EquityPolicy.load(dir.resolve(EquityTrainer.CHECKPOINT), scenario);
      learned.put(seed, runPolicy(scenario, policy, o));
      progress.accept(
          String.format(
              Locale.ROOT,
              "seed %d: trained %d episodes in %.0f s",
              seed,
              o.episodes(),
              (System.nanoTime() - start) / 1e9));
    }
    // 4. paired comparisons
    List<Comparison> comparisons = new ArrayList<>();
    for (String quantity : List.of("index", "objective")) {
      for (Map.Entry<String, List<DayOutcome>> baseline : fixed.entrySet()) {
        double[][] perSeed = new double[o.seeds().size()][];
        int s = 0;
        for (Map.Entry<Long, List<DayOutcome>> e : learned.entrySet()) {
          perSeed[s] = differences(e.getValue(), baseline.getValue(), quantity, index, alpha);
          comparisons.add(
              compare(Long.toString(e.getKey()), quantity, baseline.getKey(), perSeed[s]));
          s++;
        }
        double[] meanOverSeeds = new double[days.size()];
        for (int d = 0; d < days.size(); d++) {
          double sum = 0;
          int count = 0;
          for (double[] seedDiffs : perSeed) {
            if (Double.isFinite(seedDiffs[d])) {
              sum += seedDiffs[d];
              count++;
            }
          }
          meanOverSeeds[d] = count == perSeed.length ? sum / count : Double.NaN;
        }
        comparisons.add(compare("all", quantity, baseline.getKey(), meanOverSeeds));
      }
    }
    String markdown =
        StudyFiles.markdown(
            scenario, o, index, alpha, evaluator.weightMap().asMap(best), bestJ, comparisons);
    Result result =
        new Result(index, alpha, evaluator.weightMap().asMap(best), bestJ, comparisons, markdown);
    StudyFiles.write(result, days, fixed, learned, index, alpha, outDir);
    return result;
  }

  /** {@code J = I + α · priceOfFairness}, each term left out when undefined; NaN when both are. */
  static double objective(DayOutcome day, RewardIndex index, double alpha) {
    double i = day.index(index);
    double p = day.priceOfFairness();
    if (!Double.isFinite(i) && !Double.isFinite(p)) {
      return Double.NaN;
    }
    return (Double.isFinite(i) ? i : 0) + (Double.isFinite(p) ? alpha * p : 0);
  }

  private static List<DayOutcome> evaluateAll(
      DayEvaluator evaluator, List<Integer> days, double[] weights) {
    List<DayOutcome> out = new ArrayList<>();
    for (int day : days) {
      out.add(evaluator.evaluate(day, weights));
    }
    return out;
  }

  private static List<DayOutcome> runPolicy(Scenario scenario, EquityPolicy policy, Options o) {
    List<DayOutcome> out = new ArrayList<>();
    for (int b = 0; b < o.blocks(); b++) {
      int start = o.heldOutFromDay() + (int) ((long) b * 365 / o.blocks());
      EquityEnvironmentOptions options =
          policy
              .settings()
              .environmentOptions()
              .withEpisodeDays(o.blockDays())
              .withPool(start - 1, start + o.blockDays());
      EquityEnvironment env = new EquityEnvironment(new DayEvaluator(scenario, options), options);
      double[] obs = env.resetAt(start - 1);
      for (int k = 0; k < o.blockDays(); k++) {
        Step step = env.step(policy.action(obs));
        out.add(env.lastOutcome());
        obs = step.observation();
      }
    }
    return out;
  }

  /** Per day, learned − baseline of the quantity; NaN where either is undefined. */
  static double[] differences(
      List<DayOutcome> learned,
      List<DayOutcome> baseline,
      String quantity,
      RewardIndex index,
      double alpha) {
    double[] diffs = new double[learned.size()];
    for (int d = 0; d < diffs.length; d++) {
      DayOutcome l = learned.get(d);
      DayOutcome b = baseline.get(d);
      if (quantity.equals("index")) {
        diffs[d] = l.index(index) - b.index(index);
      } else {
        boolean pof = Double.isFinite(l.priceOfFairness()) && Double.isFinite(b.priceOfFairness());
        boolean idx = Double.isFinite(l.index(index)) && Double.isFinite(b.index(index));
        diffs[d] =
            !idx && !pof
                ? Double.NaN
                : (idx ? l.index(index) - b.index(index) : 0)
                    + (pof ? alpha * (l.priceOfFairness() - b.priceOfFairness()) : 0);
      }
    }
    return diffs;
  }

  /** Mean and 95 % t-interval of the defined differences. */
  static Comparison compare(String seed, String quantity, String baseline, double[] diffs) {
    double[] defined = Arrays.stream(diffs).filter(Double::isFinite).toArray();
    int n = defined.length;
    double mean = Arrays.stream(defined).average().orElse(Double.NaN);
    if (n < 2) {
      return new Comparison(seed, quantity, baseline, n, mean, Double.NaN, Double.NaN);
    }
    double ss = 0;
    for (double x : defined) {
      ss += (x - mean) * (x - mean);
    }
    double half = tQuantile975(n - 1) * Math.sqrt(ss / (n - 1) / n);
    return new Comparison(seed, quantity, baseline, n, mean, mean - half, mean + half);
  }

  private static final double[] T975 = {
    12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228, 2.201, 2.179, 2.160,
        2.145, 2.131,
    2.120, 2.110, 2.101, 2.093, 2.086, 2.080, 2.074, 2.069, 2.064, 2.060, 2.056, 2.052, 2.048,
        2.045, 2.042
  };

  /**
   * The 0.975 quantile of Student's t with {@code df} degrees of freedom: the table to 30, above by
   * the Cornish–Fisher expansion around the normal quantile (error below 1e-4 there).
   */
  static double tQuantile975(int df) {
    if (df < 1) {
      throw new IllegalArgumentException("degrees of freedom (" + df + ") must be >= 1");
    }
    if (df <= T975.length) {
      return T975[df - 1];
    }
    double z = 1.959964;
    double z3 = z * z * z;
    double z5 = z3 * z * z;
    double z7 = z5 * z * z;
    return z
        + (z3 + z) / (4.0 * df)
        + (5 * z5 + 16 * z3 + 3 * z) / (96.0 * df * df)
        + (3 * z7 + 19 * z5 + 17 * z3 - 15 * z) / (384.0 * df * df * df);
  }
}
