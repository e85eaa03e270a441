package org.equigrid.agents.learning.equity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Files;
import java.nio.file.Path;
import org.equigrid.config.AdaptiveEquity.RewardIndex;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainingSettingsTest {

  @TempDir Path dir;

  /**
   * The settings file of a policy trained before observation version 2 (the old shipped S6 policy).
   */
  private static final String VERSION_1 =
      """
      poolToDay=165
      neutralBaseline=true
      settlementOrders=24
      rolloutSteps=40
      seed=2024
      alpha=0.01
      poolFromDay=120
      kappa=0.005
      minibatches=4
      episodeDays=10
      """;

  @Test
  void writeRead_keepsTheRewardIndexAndTheObservationVersion() throws Exception {
    Path checkpoint = dir.resolve("policy.ckpt");
    TrainingSettings settings =
        TrainingSettings.defaults(7, 10).withRewardIndex(RewardIndex.GINI_BURDEN_NET_PAYERS);
    settings.writeFor(checkpoint);

    assertThat(TrainingSettings.readFor(checkpoint)).isEqualTo(settings);
    assertThat(Files.readString(TrainingSettings.sidecar(checkpoint)))
        .contains("rewardIndex=gini-burden-net-payers")
        .contains("observationVersion=2");
    assertThat(settings.environmentOptions().rewardIndex())
        .isEqualTo(RewardIndex.GINI_BURDEN_NET_PAYERS);
  }

  @Test
  void readFor_checkpointOfAnotherObservationVersion_refusedNamingBothAndTheWayOut()
      throws Exception {
    Path checkpoint = dir.resolve("old.ckpt");
    Files.writeString(TrainingSettings.sidecar(checkpoint), VERSION_1);

    IllegalArgumentException e =
        catchThrowableOfType(
            IllegalArgumentException.class, () -> TrainingSettings.readFor(checkpoint));

    assertThat(e).isNotNull();
    assertThat(e.getMessage())
        .contains("old.ckpt")
        .contains("observation version 1 (15 values for 3 groups)")
        .contains("version 2 (25 values for 3 groups")
        .contains("Maybe retrain it with equigrid train")
        .contains("equity.adaptive.policy=null");
  }

  @Test
  void readFor_unknownRewardIndex_namesTheAllowedOnes() throws Exception {
    Path checkpoint = dir.resolve("bad.ckpt");
    Files.writeString(
        TrainingSettings.sidecar(checkpoint),
        VERSION_1 + "observationVersion=2\nrewardIndex=gini\n");

    IllegalArgumentException e =
        catchThrowableOfType(
            IllegalArgumentException.class, () -> TrainingSettings.readFor(checkpoint));

    assertThat(e.getMessage())
        .contains("rewardIndex gini")
        .contains("largest-burden")
        .contains("gini-burden-net-payers");
  }

  @Test
  void readFor_withoutRewardIndex_refusedNotGuessed() throws Exception {
    Path checkpoint = dir.resolve("v2.ckpt");
    Files.writeString(TrainingSettings.sidecar(checkpoint), VERSION_1 + "observationVersion=2\n");
    IllegalArgumentException e =
        catchThrowableOfType(
            IllegalArgumentException.class, () -> TrainingSettings.readFor(checkpoint));
    assertThat(e.getMessage()).contains("v2.ckpt.properties").contains("no rewardIndex");
  }
}
