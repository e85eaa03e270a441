package org.equigrid.experiments.learning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.equigrid.agents.learning.equity.TrainingSettings;
import org.equigrid.config.Scenario;
import org.equigrid.config.ScenarioReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EquityTrainerTest {

  @TempDir Path dir;

  /**
   * Dying while the checkpoint of update k is written must leave learning.csv with update k's row
   * already: the resume restarts from update k - 1 and writes row k again. Written the other way
   * round (checkpoint first), a kill between the two left a checkpoint at k and no row k, and the
   * resumed curve missed it for good. The checkpoint path is a non-empty folder here, so writing it
   * fails at the first update.
   */
  @Test
  void train_checkpointWriteFails_learningCsvAlreadyHoldsThatUpdate() throws Exception {
    Scenario scenario =
        ScenarioReader.read(TrainEvaluateIT.s5(), Map.of("community.generate.households", "4"));
    Files.createDirectories(dir.resolve(EquityTrainer.CHECKPOINT).resolve("in-the-way"));
    EquityTrainer trainer =
        new EquityTrainer(scenario, TrainingSettings.defaults(scenario.seed(), 3));

    assertThatThrownBy(() -> trainer.train(8, null, dir, null))
        .isInstanceOf(UncheckedIOException.class);

    List<String> csv = Files.readAllLines(dir.resolve(EquityTrainer.LEARNING_CSV));
    assertThat(csv).hasSize(2);
    assertThat(csv.get(0)).isEqualTo(EquityTrainer.HEADER);
    assertThat(csv.get(1)).startsWith("1,12,4,"); // update 1 after 12 steps, 4 episodes of 3 days
  }
}
