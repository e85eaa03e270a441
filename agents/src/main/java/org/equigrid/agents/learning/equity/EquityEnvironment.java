package org.equigrid.agents.learning.equity;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.equigrid.agents.learning.ActionSpace;
import org.equigrid.agents.learning.Environment;
import org.equigrid.agents.learning.Step;
import org.equigrid.config.AdaptiveEquity.RewardIndex;

/**
 * The socio-economic weights as an episodic control problem (DESIGN.md section 5).
 *
 * <p><b>Episode.</b> {@link #reset} draws a start day {@code d0} uniformly from the options' day
 * pool (so that all {@code D + 1} days fit), runs the warm-up day {@code d0} with the scenario's
 * static weights and returns its observation; step {@code k = 1..D} sets the weights of day {@code
 * d0 + k}. The last step is truncated (a time limit, not a terminal state). Every day starts from
 * the batteries' initial state of charge, so days are independent (see {@link DayEvaluator}). Every
 * index is after settlement under the scenario's rule.
 *
 * <p><b>Observation</b> (version {@value #OBSERVATION_VERSION}, {@code 16 + 3G} values, groups
 * sorted by name; {@code I} is the reward index {@link EquityEnvironmentOptions#rewardIndex()}). An
 * undefined value is observed as 0 beside a flag 0 (1 when defined), never as a value:
 *
 * <ol>
 *   <li>{@code I} of the last day, and its flag;
 *   <li>the mean of {@code I} over the days of the last {@code movingAverageDays} of the episode on
 *       which it was defined (0 when none);
 *   <li>Gini of burden over all households, and its flag;
 *   <li>Gini of burden over the net payers, and its flag;
 *   <li>10 × the largest burden;
 *   <li>10 × the least-advantaged mean burden, and its flag (which also covers the Rawlsian minimum
 *       below: same population);
 *   <li>the share of households above a 6 % burden;
 *   <li>per group, 100 × (group mean burden − community mean burden), percentage points of income
 *       (the ratio gaps are undefined on sunny days and are not observed);
 *   <li>per group, group mean renewable access − community mean access;
 *   <li>10 × price of fairness (share of the cost-minimising gain given up), and its flag;
 *   <li>Rawlsian minimum of relative savings after settlement, clipped to [-1, 1];
 *   <li>per group, {@code ln(w_g) / L} of the weights in force (in [-1, 1], see {@link WeightMap});
 *   <li>{@code sin} and {@code cos} of {@code 2π · dayOfYear / 365} of the next day.
 * </ol>
 *
 * <p><b>Action:</b> one number per group in [-1, 1], mapped by {@link WeightMap}; with a residual
 * anchor ({@link EquityEnvironmentOptions#residual()}) the policy's action is first moved around
 * the anchor, {@link ResidualAction#apply}.
 *
 * <p><b>Reward:</b> {@code −I_t − α · priceOfFairness_t − κ · ‖w_t − w_{t−1}‖₁}, with {@code α, κ}
 * from {@link EquityEnvironmentOptions}. With {@link EquityEnvironmentOptions#neutralBaseline()}
 * the learner receives that reward minus the same day's reward under neutral weights, {@code −I_t^1
 * − α · priceOfFairness_t^1} (no change term): an action-independent baseline per day that leaves
 * the optimal policy as it is and removes the day-to-day swing of the index from the learning
 * signal. With a residual anchor the baseline day runs the anchor's weights instead: the learner is
 * paid for what it does better than the best static weights, and a policy that keeps the anchor
 * earns 0 (less the change term). {@link #lastPlainReward()} keeps the plain reward for reporting.
 *
 * <p><b>Undefined terms.</b> A term whose index is undefined that day says nothing about the
 * weights, so it is left out of the reward (it is not counted as a burden of 0): the index term
 * when {@code I_t} is undefined (with the baseline, when {@code I_t} or {@code I_t^1} is: their
 * difference is then undefined), the price-of-fairness term when the price of fairness is (no
 * cooperative gain to give up; that does not depend on the weights). Steps whose index term was
 * left out are counted ({@link #undefinedIndexSteps()}, {@code learning.csv}); the default index,
 * the largest burden, is always defined.
 */
public final class EquityEnvironment implements Environment {

  /** The layout of {@link #observe}: a checkpoint trained on another one is refused. */
  public static final int OBSERVATION_VERSION = 2;

  /** Observed values besides the {@code 3G} per-group ones. */
  static final int OBSERVATION_FIXED = 16;

  /** {@link #name()}: the community size, then the groups. */
  private static final Pattern NAME = Pattern.compile("Equity-\\d+h-(.*)");

  private final DayEvaluator evaluator;
  private final EquityEnvironmentOptions options;
  private final WeightMap weightMap;
  private final int groups;
  private final Deque<Double> recentIndex = new ArrayDeque<>();
  private final Map<Integer, DayOutcome> anchorOutcomes = new HashMap<>();
  private final double[] anchorWeights;
  private int startDay = -1;
  private int stepsTaken;
  private double[] weights;
  private DayOutcome last;
  private double lastPlainReward = Double.NaN;
  private long undefinedIndexSteps;

  public EquityEnvironment(DayEvaluator evaluator, EquityEnvironmentOptions options) {
    this.evaluator = evaluator;
    this.options = options;
    this.weightMap = evaluator.weightMap();
    this.groups = weightMap.dimensions();
    options.residual().checkGroups(weightMap);
    this.anchorWeights =
        options.residual().on() ? weightMap.weights(options.residual().anchorAction()) : null;
  }

  /**
   * {@code Equity-<n>h-<groups>}: the community's shape, not the scenario's name, so that a policy
   * trained on s5 also drives s6 (the same community with adaptive weights).
   */
  @Override
  public String name() {
    return "Equity-"
        + evaluator.scenario().households().size()
        + "h-"
        + String.join(",", weightMap.groups());
  }

  /**
   * Whether two environment names differ at most in the community's size: the observation and the
   * action are per group, so a policy carries over to another community with the same groups.
   */
  static boolean sameGroups(String a, String b) {
    String groups = groupsOf(a);
    return groups != null && groups.equals(groupsOf(b));
  }

  private static String groupsOf(String name) {
    Matcher m = NAME.matcher(name);
    return m.matches() ? m.group(1) : null;
  }

  @Override
  public int observationSize() {
    return observationSize(groups);
  }

  /** {@code 16 + 3G} for {@code G} groups. */
  public static int observationSize(int groups) {
    return OBSERVATION_FIXED + 3 * groups;
  }

  @Override
  public ActionSpace actionSpace() {
    return ActionSpace.Box.symmetric(groups, 1.0);
  }

  @Override
  public double[] reset(RandomGenerator rng) {
    int starts = options.poolToDay() - options.poolFromDay() - options.episodeDays();
    return resetAt(options.poolFromDay() + rng.nextInt(starts));
  }

  /** Starts an episode at a given warm-up day (which need not lie in the pool). */
  public double[] resetAt(int warmUpDay) {
    startDay = warmUpDay;
    stepsTaken = 0;
    recentIndex.clear();
    weights = evaluator.staticWeights();
    lastPlainReward = Double.NaN;
    last = evaluator.evaluate(warmUpDay, weights);
    remember(last);
    return observation();
  }

  @Override
  public Step step(double[] action) {
    if (startDay < 0) {
      throw new IllegalStateException("step before reset; call reset first.");
    }
    double[] next = weightMap.weights(options.residual().apply(action));
    double change = 0;
    for (int g = 0; g < groups; g++) {
      change += Math.abs(next[g] - weights[g]);
    }
    stepsTaken++;
    last = evaluator.evaluate(startDay + stepsTaken, next);
    weights = next;
    remember(last);
    lastPlainReward = plainReward(options, last, change);
    double reward;
    boolean indexDefined = Double.isFinite(last.index(options.rewardIndex()));
    if (options.neutralBaseline()) {
      int day = startDay + stepsTaken;
      DayOutcome neutral =
          anchorWeights == null
              ? evaluator.neutralOutcome(day)
              : anchorOutcomes.computeIfAbsent(day, d -> evaluator.evaluate(d, anchorWeights));
      reward = baselinedReward(options, last, neutral, change);
      indexDefined &= Double.isFinite(neutral.index(options.rewardIndex()));
    } else {
      reward = lastPlainReward;
    }
    if (!indexDefined) {
      undefinedIndexSteps++;
    }
    return new Step(observation(), reward, false, stepsTaken >= options.episodeDays());
  }

  /** Steps so far whose reward left out the index term because the index was undefined. */
  public long undefinedIndexSteps() {
    return undefinedIndexSteps;
  }

  /**
   * The plain reward of DESIGN.md section 5 of the last step (before any baseline), NaN before a
   * step.
   */
  public double lastPlainReward() {
    return lastPlainReward;
  }

  /**
   * {@code −I − α · priceOfFairness − κ · weightChangeL1}; an undefined index or price of fairness
   * leaves its term out (see the class comment).
   */
  public static double plainReward(
      EquityEnvironmentOptions options, DayOutcome day, double weightChangeL1) {
    double reward = -options.kappa() * weightChangeL1;
    double index = day.index(options.rewardIndex());
    if (Double.isFinite(index)) {
      reward -= index;
    }
    if (Double.isFinite(day.priceOfFairness())) {
      reward -= options.alpha() * day.priceOfFairness();
    }
    return reward;
  }

  /**
   * The plain reward minus the same day's under neutral weights (without a change term): the index
   * and price-of-fairness terms are the differences of the two days' values, each left out when
   * either value is undefined.
   */
  public static double baselinedReward(
      EquityEnvironmentOptions options, DayOutcome day, DayOutcome neutral, double weightChangeL1) {
    double reward = -options.kappa() * weightChangeL1;
    double index = day.index(options.rewardIndex());
    double neutralIndex = neutral.index(options.rewardIndex());
    if (Double.isFinite(index) && Double.isFinite(neutralIndex)) {
      reward -= index - neutralIndex;
    }
    if (Double.isFinite(day.priceOfFairness()) && Double.isFinite(neutral.priceOfFairness())) {
      reward -= options.alpha() * (day.priceOfFairness() - neutral.priceOfFairness());
    }
    return reward;
  }

  /** The outcome of the last day run (the warm-up day right after a reset). */
  public DayOutcome lastOutcome() {
    return last;
  }

  /** The weights in force, in group order. */
  public double[] weights() {
    return weights.clone();
  }

  public List<String> groups() {
    return weightMap.groups();
  }

  public DayEvaluator evaluator() {
    return evaluator;
  }

  public EquityEnvironmentOptions options() {
    return options;
  }

  /**
   * The observation after a day's outcome, for callers that run days themselves (the agent).
   *
   * @param index the reward index of the policy
   * @param indexMovingAverage mean of the reward index over the recent days on which it was defined
   *     (NaN when none)
   */
  public static double[] observe(
      DayOutcome outcome,
      RewardIndex index,
      double indexMovingAverage,
      double[] weights,
      WeightMap map,
      int nextDayOfYear) {
    int g = map.dimensions();
    double[] obs = new double[observationSize(g)];
    int k = putWithFlag(obs, 0, outcome.index(index));
    obs[k++] = finite(indexMovingAverage);
    k = putWithFlag(obs, k, outcome.giniEnergyBurden());
    k = putWithFlag(obs, k, outcome.giniEnergyBurdenNetPayers());
    obs[k++] = 10 * outcome.largestEnergyBurden();
    k = putWithFlag(obs, k, 10 * outcome.leastAdvantagedMeanEnergyBurden());
    obs[k++] = outcome.shareEnergyBurdenAbove6Percent();
    for (String group : map.groups()) {
      obs[k++] = 100 * finite(outcome.burdenDifference().getOrDefault(group, 0.0));
    }
    for (String group : map.groups()) {
      obs[k++] = finite(outcome.accessDifference().getOrDefault(group, 0.0));
    }
    k = putWithFlag(obs, k, 10 * outcome.priceOfFairness());
    obs[k++] = Math.max(-1, Math.min(1, finite(outcome.rawlsianMinimum())));
    for (int j = 0; j < g; j++) {
      obs[k++] = Math.log(weights[j]) / map.logScale();
    }
    double angle = 2 * Math.PI * nextDayOfYear / 365.0;
    obs[k++] = Math.sin(angle);
    obs[k++] = Math.cos(angle);
    if (k != obs.length) {
      throw new IllegalStateException(
          "observation layout: wrote " + k + " of " + obs.length + " values");
    }
    return obs;
  }

  /** {@code value} and 1 when defined, 0 and 0 when not; returns the next position. */
  private static int putWithFlag(double[] obs, int k, double value) {
    boolean defined = Double.isFinite(value);
    obs[k] = defined ? value : 0.0;
    obs[k + 1] = defined ? 1.0 : 0.0;
    return k + 2;
  }

  /** Mean of the defined (finite) values, NaN when there is none. */
  static double meanOfDefined(Iterable<Double> values) {
    double sum = 0;
    int count = 0;
    for (double v : values) {
      if (Double.isFinite(v)) {
        sum += v;
        count++;
      }
    }
    return count == 0 ? Double.NaN : sum / count;
  }

  private double[] observation() {
    int nextDayOfYear = evaluator.scenario().dayOfYear(startDay + stepsTaken + 1);
    return observe(
        last, options.rewardIndex(), meanOfDefined(recentIndex), weights, weightMap, nextDayOfYear);
  }

  private void remember(DayOutcome day) {
    recentIndex.addLast(day.index(options.rewardIndex())); // NaN when undefined: the mean skips it
    while (recentIndex.size() > options.movingAverageDays()) {
      recentIndex.removeFirst();
    }
  }

  private static double finite(double x) {
    return Double.isFinite(x) ? x : 0.0;
  }
}
