package org.equigrid.agents.learning;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.equigrid.agents.learning.control.CartPole;
import org.equigrid.agents.learning.control.Pendulum;
import org.junit.jupiter.api.Test;

/**
 * Learning curves on gymnasium's classic control: the median of 3 seeds must reach the target (mean
 * return of the last 20 finished training episodes) within the step budget. A seed stops at the
 * first update where it reaches the target. Seeds run on 2 threads.
 */
class PpoLearningIT {

  private static final Logger LOG = LogManager.getLogger();
  private static final long[] SEEDS = {1, 2, 3};

  /** Steps until the mean of the last 20 episodes first reached the target, or -1. */
  record Outcome(long seed, long stepsToTarget, long steps, double lastMean) {}

  private static Outcome run(
      Supplier<Environment> factory, PpoConfig config, long budget, double target) {
    Environment env = factory.get();
    Ppo ppo = new Ppo(env, config);
    while (ppo.steps() < budget) {
      ppo.train(env, ppo.steps() + 1, null);
      LearningCurve curve = ppo.learningCurve();
      if (curve.episodes().size() >= 20 && curve.meanReturnOfLast(20) >= target) {
        return new Outcome(config.seed(), ppo.steps(), ppo.steps(), curve.meanReturnOfLast(20));
      }
    }
    return new Outcome(config.seed(), -1, ppo.steps(), ppo.learningCurve().meanReturnOfLast(20));
  }

  private static List<Outcome> runSeeds(
      Supplier<Environment> factory, PpoConfig config, long budget, double target)
      throws InterruptedException, ExecutionException, java.io.IOException {
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      List<Future<Outcome>> futures = new ArrayList<>();
      for (long seed : SEEDS) {
        futures.add(pool.submit(() -> run(factory, config.withSeed(seed), budget, target)));
      }
      List<Outcome> outcomes = new ArrayList<>();
      for (Future<Outcome> future : futures) {
        outcomes.add(future.get());
      }
      LOG.info("{}: {}", factory.get().name(), outcomes);
      StringBuilder csv = new StringBuilder("seed,steps_to_target,steps,last20_mean\n");
      for (Outcome o : outcomes) {
        csv.append(o.seed())
            .append(',')
            .append(o.stepsToTarget())
            .append(',')
            .append(o.steps())
            .append(',')
            .append(o.lastMean())
            .append('\n');
      }
      java.nio.file.Files.createDirectories(java.nio.file.Path.of("target"));
      java.nio.file.Files.writeString(
          java.nio.file.Path.of("target", "ppo-learning-" + factory.get().name() + ".csv"), csv);
      return outcomes;
    } finally {
      pool.shutdownNow();
    }
  }

  private static long reached(List<Outcome> outcomes) {
    return outcomes.stream().filter(o -> o.stepsToTarget() >= 0).count();
  }

  @Test
  void cartPole_medianOfThreeSeeds_reaches475Within200kSteps() throws Exception {
    List<Outcome> outcomes = runSeeds(CartPole::new, PpoConfig.cartPole(), 200_000, 475.0);
    assertThat(reached(outcomes)).as("seeds reaching 475: %s", outcomes).isGreaterThanOrEqualTo(2);
  }

  @Test
  void pendulum_medianOfThreeSeeds_beatsMinus400Within300kSteps() throws Exception {
    List<Outcome> outcomes = runSeeds(Pendulum::new, PpoConfig.pendulum(), 300_000, -400.0);
    assertThat(reached(outcomes)).as("seeds beating -400: %s", outcomes).isGreaterThanOrEqualTo(2);
  }
}
