package org.equigrid.agents.learning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Supplier;
import org.equigrid.agents.learning.control.CartPole;
import org.equigrid.agents.learning.control.Pendulum;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PpoTest {

  /** Small and fast: 256-step rollouts, 4 minibatches, 2 epochs. */
  private static PpoConfig small(PpoConfig base) {
    return new PpoConfig(
        base.seed(),
        256,
        2,
        4,
        base.learningRate(),
        2_000,
        base.gamma(),
        base.gaeLambda(),
        base.clipCoef(),
        base.clipValueLoss(),
        base.entropyCoef(),
        base.valueCoef(),
        base.maxGradNorm(),
        base.normalizeAdvantages(),
        base.normalizeObservations(),
        base.scaleRewards(),
        base.initialLogStd(),
        2,
        16,
        base.adamEpsilon());
  }

  @Test
  void train_sameSeed_bitIdenticalParametersAndCurve() {
    for (Supplier<Environment> env :
        java.util.List.<Supplier<Environment>>of(CartPole::new, Pendulum::new)) {
      PpoConfig config = small(PpoConfig.pendulum()).withSeed(7);
      Ppo first = new Ppo(env.get(), config);
      Environment firstEnv = env.get();
      LearningCurve a = first.train(firstEnv, 1024, null);
      Ppo second = new Ppo(env.get(), config);
      LearningCurve b = second.train(env.get(), 1024, null);
      assertThat(first.parameters()).isEqualTo(second.parameters());
      assertThat(a).isEqualTo(b);
      assertThat(a.episodes()).isNotEmpty();
      Ppo other = new Ppo(env.get(), config.withSeed(8));
      other.train(env.get(), 1024, null);
      assertThat(other.parameters()).isNotEqualTo(first.parameters());
    }
  }

  @Test
  void restore_thenTrainMore_equalsTrainingStraight_pendulumWithNormalisation(@TempDir Path dir) {
    // Pendulum episodes are 200 steps, rollouts 256: the checkpoint falls mid-episode.
    PpoConfig config = small(PpoConfig.pendulum()).withSeed(3);
    resumeEqualsStraight(Pendulum::new, config, dir.resolve("pendulum.ckpt"));
  }

  @Test
  void restore_thenTrainMore_equalsTrainingStraight_cartPole(@TempDir Path dir) {
    resumeEqualsStraight(
        CartPole::new, small(PpoConfig.cartPole()).withSeed(4), dir.resolve("cart.ckpt"));
  }

  private static void resumeEqualsStraight(
      Supplier<Environment> env, PpoConfig config, Path checkpoint) {
    Ppo straight = new Ppo(env.get(), config);
    java.util.List<UpdateStats> straightStats = new java.util.ArrayList<>();
    straight.train(env.get(), 5 * 256, straightStats::add);

    Ppo before = new Ppo(env.get(), config);
    java.util.List<UpdateStats> resumedStats = new java.util.ArrayList<>();
    before.train(env.get(), 3 * 256, resumedStats::add);
    before.save(checkpoint);
    Ppo after = new Ppo(env.get(), config);
    after.restore(checkpoint);
    assertThat(after.steps()).isEqualTo(3 * 256);
    assertThat(after.updates()).isEqualTo(3);
    after.train(env.get(), 5 * 256, resumedStats::add);

    assertThat(after.parameters()).isEqualTo(straight.parameters());
    assertThat(after.learningCurve()).isEqualTo(straight.learningCurve());
    assertThat(resumedStats).isEqualTo(straightStats);
    assertThat(after.act(new double[env.get().observationSize()], true))
        .isEqualTo(straight.act(new double[env.get().observationSize()], true));
  }

  @Test
  void restore_otherLayerSizes_refusedNamingThem(@TempDir Path dir) {
    Path file = dir.resolve("cart.ckpt");
    new Ppo(new CartPole(), PpoConfig.cartPole()).save(file);
    PpoConfig narrow =
        new PpoConfig(
            1, 2048, 10, 32, 3e-4, 200_000, 0.99, 0.95, 0.2, true, 0.0, 0.5, 0.5, true, false,
            false, 0.0, 2, 32, 1e-5);
    Ppo ppo = new Ppo(new CartPole(), narrow);
    assertThatThrownBy(() -> ppo.restore(file))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(
            "checkpoint actor layer sizes [4, 64, 64, 2] do not match the configured [4, 32, 32, 2]");
  }

  @Test
  void restore_otherEnvironment_refusedNamingIt(@TempDir Path dir) {
    Path file = dir.resolve("cart.ckpt");
    new Ppo(new CartPole(), PpoConfig.cartPole()).save(file);
    Ppo ppo = new Ppo(new Pendulum(), PpoConfig.cartPole());
    assertThatThrownBy(() -> ppo.restore(file))
        .hasMessageContaining(
            "checkpoint environment CartPole-v1 does not match the configured Pendulum-v1");
  }

  @Test
  void restore_otherConfig_refusedNamingTheField(@TempDir Path dir) {
    Path file = dir.resolve("cart.ckpt");
    new Ppo(new CartPole(), PpoConfig.cartPole()).save(file);
    Ppo ppo = new Ppo(new CartPole(), PpoConfig.cartPole().withSeed(9));
    assertThatThrownBy(() -> ppo.restore(file))
        .hasMessageContaining("config seed 1 does not match the configured 9");
  }

  @Test
  void restore_corruptOrTruncatedFile_refused(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("cart.ckpt");
    Ppo ppo = new Ppo(new CartPole(), small(PpoConfig.cartPole()));
    ppo.train(new CartPole(), 256, null);
    ppo.save(file);
    byte[] bytes = Files.readAllBytes(file);
    bytes[bytes.length / 2] ^= 0x10;
    Path flipped = dir.resolve("flipped.ckpt");
    Files.write(flipped, bytes);
    Path cut = dir.resolve("cut.ckpt");
    Files.write(cut, java.util.Arrays.copyOf(bytes, bytes.length / 3));
    Ppo fresh = new Ppo(new CartPole(), small(PpoConfig.cartPole()));
    assertThatThrownBy(() -> fresh.restore(flipped)).hasMessageContaining("is corrupt");
    assertThatThrownBy(() -> fresh.restore(cut)).hasMessageContaining("is corrupt");
    try (var files = Files.list(dir)) {
      assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith(".tmp"));
    }
  }

  @Test
  void gae_handComputed_withEpisodeEndInTheMiddle() {
    double gamma = 0.9;
    double lambda = 0.5;
    double[] rewards = {1.0, 2.0, 3.0};
    double[] values = {0.5, 1.0, 2.0};
    boolean[] dones = {false, true, false};
    double[] adv = new double[3];
    double[] ret = new double[3];
    Ppo.gae(rewards, values, dones, 4.0, gamma, lambda, adv, ret);
    double d2 = 3.0 + 0.9 * 4.0 - 2.0; // bootstraps from nextValue
    double d1 = 2.0 - 1.0; // episode ended: no bootstrap, no carry
    double d0 = 1.0 + 0.9 * 1.0 - 0.5;
    assertThat(adv[2]).isCloseTo(d2, within(1e-15));
    assertThat(adv[1]).isCloseTo(d1, within(1e-15));
    assertThat(adv[0]).isCloseTo(d0 + 0.45 * d1, within(1e-15));
    assertThat(ret[0]).isCloseTo(adv[0] + 0.5, within(1e-15));
  }

  @Test
  void act_continuous_clipsToBounds_discrete_returnsIndex() {
    PpoConfig far =
        new PpoConfig(
            1, 64, 1, 2, 3e-4, 0, 0.99, 0.95, 0.2, true, 0.0, 0.5, 0.5, true, false, false, 3.0, 2,
            8, 1e-5);
    Ppo pendulum = new Ppo(new Pendulum(), far);
    for (int k = 0; k < 50; k++) {
      double a = pendulum.act(new double[] {1, 0, 0}, false)[0];
      assertThat(a).isBetween(-2.0, 2.0);
    }
    Ppo cart = new Ppo(new CartPole(), far);
    assertThat(cart.act(new double[4], false)[0]).isIn(0.0, 1.0);
  }

  @Test
  void config_rolloutNotDivisible_refusedWithHint() {
    assertThatThrownBy(() -> PpoConfig.defaults().withRollout(1000, 32))
        .hasMessageContaining("rolloutSteps (1000) must be a multiple of minibatches (32)");
  }
}
