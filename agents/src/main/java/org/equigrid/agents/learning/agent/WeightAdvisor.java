package org.equigrid.agents.learning.agent;

import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.random.RandomGenerator;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.equigrid.agents.learning.ActionSpace;
import org.equigrid.agents.learning.Environment;
import org.equigrid.agents.learning.Ppo;
import org.equigrid.agents.learning.Step;
import org.equigrid.agents.learning.equity.DailyObservation;
import org.equigrid.agents.learning.equity.DayOutcome;
import org.equigrid.agents.learning.equity.EquityEnvironment;
import org.equigrid.agents.learning.equity.EquityPolicy;
import org.equigrid.agents.learning.equity.WeightMap;
import org.equigrid.agents.protocol.Message;

/**
 * The learner's logic without JADE: turns each day's metrics into the next day's weights.
 *
 * <p>Offline, the policy's mean action. Online, a PPO learner runs on its own thread over the live
 * days as an endless episode: each day's metrics are a step (observation and the plain reward
 * {@code −I − α·priceOfFairness − κ·‖Δw‖₁} of {@link EquityEnvironment#plainReward} on the policy's
 * index {@code I}), the sampled action is the next day's weights, and the learner updates every
 * {@code rolloutSteps} days of the policy's settings.
 */
public final class WeightAdvisor implements AutoCloseable {

  private static final Logger LOG = LogManager.getLogger();

  private final EquityPolicy policy;
  private final WeightMap map;
  private final DailyObservation observation;
  private final LiveDays live;
  private final Thread learner;
  private double[] previousWeights;

  /**
   * @param online keep learning from the live days
   */
  public WeightAdvisor(EquityPolicy policy, boolean online) {
    this.policy = policy;
    this.map = policy.weightMap();
    this.observation = DailyObservation.of(policy);
    if (online) {
      live = new LiveDays(map);
      Ppo ppo = policy.ppo();
      ppo.forgetEpisode();
      learner =
          new Thread(
              () -> {
                try {
                  ppo.train(
                      live,
                      Long.MAX_VALUE,
                      stats ->
                          LOG.info(
                              "online update {}: mean return {}",
                              stats.update(),
                              stats.meanReturnLast20()));
                } catch (LiveDays.Closed e) {
                  LOG.debug("online learner stopped");
                }
              },
              "equigrid-online-learner");
      learner.setDaemon(true);
      learner.start();
    } else {
      live = null;
      learner = null;
    }
  }

  /**
   * The weights of the next day, given the metrics of the day just settled (observed through {@link
   * DailyObservation}, as the in-process adaptive run observes).
   */
  public WeightsAdvice advise(Message.EquityMetrics metrics) {
    DayOutcome outcome =
        new DayOutcome(
            metrics.day(),
            0,
            metrics.weights(),
            metrics.giniEnergyBurden(),
            metrics.giniEnergyBurdenNetPayers(),
            metrics.largestEnergyBurden(),
            metrics.leastAdvantagedMeanEnergyBurden(),
            metrics.shareEnergyBurdenAbove6Percent(),
            metrics.burdenDifference(),
            metrics.accessDifference(),
            metrics.burdenGap(),
            metrics.accessGap(),
            metrics.priceOfFairness(),
            metrics.rawlsianMinimum(),
            Double.NaN,
            "reported");
    double[] used = observation.weightsOf(outcome);
    double[] obs = observation.next(outcome, metrics.nextDayOfYear());
    double[] next;
    if (live == null) {
      next = policy.weights(obs);
    } else {
      double change = 0;
      if (previousWeights != null) {
        for (int g = 0; g < used.length; g++) {
          change += Math.abs(used[g] - previousWeights[g]);
        }
      }
      double reward =
          EquityEnvironment.plainReward(policy.settings().environmentOptions(), outcome, change);
      next = map.weights(policy.settings().residual().apply(live.exchange(obs, reward)));
    }
    previousWeights = used;
    return new WeightsAdvice(map.asMap(next), obs);
  }

  /** Whether a PPO learner keeps learning from the live days. */
  public boolean online() {
    return live != null;
  }

  /** The weights and the observation they were chosen from. */
  public record WeightsAdvice(Map<String, Double> weights, double[] observation) {}

  @Override
  public void close() {
    if (live != null) {
      live.close();
    }
  }

  /** The live days as an environment the learner thread pulls from. */
  static final class LiveDays implements Environment {
    static final class Closed extends RuntimeException {
      private static final long serialVersionUID = 1L;
    }

    private static final double[] CLOSED = new double[0];
    private final WeightMap map;
    private final BlockingQueue<double[]> days = new ArrayBlockingQueue<>(1);
    private final BlockingQueue<double[]> actions = new ArrayBlockingQueue<>(1);
    private boolean started;

    LiveDays(WeightMap map) {
      this.map = map;
    }

    @Override
    public String name() {
      return "live";
    }

    @Override
    public int observationSize() {
      return EquityEnvironment.observationSize(map.dimensions());
    }

    @Override
    public ActionSpace actionSpace() {
      return ActionSpace.Box.symmetric(map.dimensions(), 1.0);
    }

    @Override
    public double[] reset(RandomGenerator rng) {
      double[] day = take(days);
      return java.util.Arrays.copyOf(day, day.length - 1);
    }

    @Override
    public Step step(double[] action) {
      put(actions, action.clone());
      double[] day = take(days);
      return new Step(
          java.util.Arrays.copyOf(day, day.length - 1), day[day.length - 1], false, false);
    }

    /** Hands a day to the learner and waits for its action for the next day. */
    synchronized double[] exchange(double[] observation, double reward) {
      double[] day = java.util.Arrays.copyOf(observation, observation.length + 1);
      day[observation.length] = started ? reward : 0.0; // the first day only starts the episode
      started = true;
      put(days, day);
      return take(actions);
    }

    void close() {
      days.offer(CLOSED);
    }

    private static double[] take(BlockingQueue<double[]> queue) {
      try {
        double[] value = queue.take();
        if (value == CLOSED) {
          throw new Closed();
        }
        return value;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new Closed();
      }
    }

    private static void put(BlockingQueue<double[]> queue, double[] value) {
      try {
        queue.put(value);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new Closed();
      }
    }
  }
}
