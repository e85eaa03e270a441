package org.equigrid.agents.learning.equity;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.random.RandomGenerator;
import org.equigrid.agents.learning.ActionSpace;
import org.equigrid.agents.learning.Environment;
import org.equigrid.agents.learning.Step;

/**
 * The socio-economic weights as an episodic control problem (DESIGN.md section 5).
 *
 * <p><b>Episode.</b> {@link #reset} draws a start day {@code d0} uniformly from the options' day pool
 * (so that all {@code D + 1} days fit), runs the warm-up day {@code d0} with the scenario's static
 * weights and returns its observation; step {@code k = 1..D} sets the weights of day {@code d0 + k}.
 * The last step is truncated (a time limit, not a terminal state). Every day starts from the
 * batteries' initial state of charge, so days are independent (see {@link DayEvaluator}).
 *
 * <p><b>Observation</b> ({@code 6 + 3G} values, groups sorted by name):
 * <ol>
 *   <li>Gini of energy burden of the last day (in [0, 1] for non-negative burdens);
 *   <li>its moving average over the last {@code movingAverageDays} days of the episode;
 *   <li>per group, burden gap − 1 (mean burden over community mean, 0 = on par);
 *   <li>per group, renewable-access gap − 1;
 *   <li>10 × price of fairness (0.1 = one percent extra cost);
 *   <li>Rawlsian minimum of relative savings, clipped to [-1, 1];
 *   <li>per group, {@code ln(w_g) / L} of the weights in force (in [-1, 1], see {@link WeightMap});
 *   <li>{@code sin} and {@code cos} of {@code 2π · dayOfYear / 365} of the next day.
 * </ol>
 * Undefined values (NaN, e.g. a gap when the community mean is 0) are observed as 0.
 *
 * <p><b>Action:</b> one number per group in [-1, 1], mapped by {@link WeightMap}.
 *
 * <p><b>Reward:</b> {@code −Gini_t − α · priceOfFairness_t − κ · ‖w_t − w_{t−1}‖₁}, with
 * {@code α, κ} from {@link EquityEnvironmentOptions} (an undefined Gini counts as 0). With
 * {@link EquityEnvironmentOptions#neutralBaseline()} the learner receives that reward minus the
 * same day's reward under neutral weights, {@code −Gini_t^1 − α · priceOfFairness_t^1} (no change
 * term): an action-independent baseline per day that leaves the optimal policy as it is and removes
 * the day-to-day swing of the Gini from the learning signal. {@link #lastPlainReward()} keeps the
 * plain reward for reporting.
 */
public final class EquityEnvironment implements Environment {

  /** {@link #name()}: the community size, then the groups. */
  private static final Pattern NAME = Pattern.compile("Equity-\\d+h-(.*)");

  private final DayEvaluator evaluator;
  private final EquityEnvironmentOptions options;
  private final WeightMap weightMap;
  private final int groups;
  private final Deque<Double> recentGini = new ArrayDeque<>();
  private int startDay = -1;
  private int stepsTaken;
  private double[] weights;
  private DayOutcome last;
  private double lastPlainReward = Double.NaN;

  public EquityEnvironment(DayEvaluator evaluator, EquityEnvironmentOptions options) {
    this.evaluator = evaluator;
    this.options = options;
    this.weightMap = evaluator.weightMap();
    this.groups = weightMap.dimensions();
  }

  /**
   * {@code Equity-<n>h-<groups>}: the community's shape, not the scenario's name, so that a policy
   * trained on s5 also drives s6 (the same community with adaptive weights).
   */
  @Override
  public String name() {
    return "Equity-" + evaluator.scenario().households().size() + "h-" + String.join(",", weightMap.groups());
  }

  /**
   * Whether two environment names differ at most in the community's size: the observation and
   * the action are per group, so a policy carries over to another community with the same groups.
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
    return 6 + 3 * groups;
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
    recentGini.clear();
    weights = evaluator.staticWeights();
    lastPlainReward = Double.NaN;
    last = evaluator.evaluate(warmUpDay, weights);
    remember(last.giniEnergyBurden());
    return observation();
  }

  @Override
  public Step step(double[] action) {
    if (startDay < 0) {
      throw new IllegalStateException("step before reset; call reset first.");
    }
    double[] next = weightMap.weights(action);
    double change = 0;
    for (int g = 0; g < groups; g++) {
      change += Math.abs(next[g] - weights[g]);
    }
    stepsTaken++;
    last = evaluator.evaluate(startDay + stepsTaken, next);
    weights = next;
    remember(last.giniEnergyBurden());
    lastPlainReward = reward(last.giniEnergyBurden(), last.priceOfFairness(), change);
    double reward = options.neutralBaseline()
        ? lastPlainReward - neutralReward(startDay + stepsTaken)
        : lastPlainReward;
    return new Step(observation(), reward, false, stepsTaken >= options.episodeDays());
  }

  /** The reward of day {@code dayIndex} under neutral weights without a change: the baseline. */
  public double neutralReward(int dayIndex) {
    DayOutcome neutral = evaluator.neutralOutcome(dayIndex);
    return reward(neutral.giniEnergyBurden(), neutral.priceOfFairness(), 0);
  }

  /** The plain reward of DESIGN.md section 5 of the last step (before any baseline), NaN before a step. */
  public double lastPlainReward() {
    return lastPlainReward;
  }

  /** {@code −Gini − α · priceOfFairness − κ · weightChangeL1}; an undefined term counts as 0. */
  public double reward(double gini, double priceOfFairness, double weightChangeL1) {
    return -finite(gini) - options.alpha() * finite(priceOfFairness) - options.kappa() * weightChangeL1;
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

  /** The observation after a day's outcome, for callers that run days themselves (the agent). */
  public static double[] observe(
      DayOutcome outcome, double giniMovingAverage, double[] weights, WeightMap map, int nextDayOfYear) {
    int g = map.dimensions();
    double[] obs = new double[6 + 3 * g];
    obs[0] = finite(outcome.giniEnergyBurden());
    obs[1] = finite(giniMovingAverage);
    for (int k = 0; k < g; k++) {
      String group = map.groups().get(k);
      obs[2 + k] = finite(outcome.burdenGap().getOrDefault(group, 1.0) - 1);
      obs[2 + g + k] = finite(outcome.accessGap().getOrDefault(group, 1.0) - 1);
      obs[4 + 2 * g + k] = Math.log(weights[k]) / map.logScale();
    }
    obs[2 + 2 * g] = 10 * finite(outcome.priceOfFairness());
    obs[3 + 2 * g] = Math.max(-1, Math.min(1, finite(outcome.rawlsianMinimum())));
    double angle = 2 * Math.PI * nextDayOfYear / 365.0;
    obs[4 + 3 * g] = Math.sin(angle);
    obs[5 + 3 * g] = Math.cos(angle);
    return obs;
  }

  private double[] observation() {
    double average = recentGini.stream().mapToDouble(Double::doubleValue).average().orElse(0);
    int nextDayOfYear = evaluator.scenario().dayOfYear(startDay + stepsTaken + 1);
    return observe(last, average, weights, weightMap, nextDayOfYear);
  }

  private void remember(double gini) {
    recentGini.addLast(finite(gini));
    while (recentGini.size() > options.movingAverageDays()) {
      recentGini.removeFirst();
    }
  }

  private static double finite(double x) {
    return Double.isFinite(x) ? x : 0.0;
  }
}
