package org.equigrid.agents.learning.equity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.List;
import org.equigrid.agents.learning.Step;
import org.equigrid.config.Scenario;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ResidualActionTest {

  @TempDir Path dir;

  @Test
  void apply_movesAroundTheAnchorByTheScale_andClips() {
    ResidualAction residual =
        new ResidualAction(List.of("HIGH", "LOW", "MIDDLE"), new double[] {0.2, -0.4, 0.9}, 0.5);
    // 0.2 + 0.5·1 = 0.7; −0.4 + 0.5·0.2 = −0.3; 0.9 + 0.5·1 = 1.4 → 1
    assertThat(residual.apply(new double[] {1, 0.2, 1}))
        .containsExactly(new double[] {0.7, -0.3, 1.0}, within(1e-15));
    assertThat(residual.apply(new double[3])).containsExactly(0.2, -0.4, 0.9);
    assertThat(ResidualAction.NONE.apply(new double[] {0.3, -2})).containsExactly(0.3, -2);
    assertThatThrownBy(() -> residual.apply(new double[2])).hasMessageContaining("2 components");
  }

  @Test
  void anchorText_roundTripsEveryBit() {
    ResidualAction residual =
        new ResidualAction(
            List.of("HIGH", "LOW"), new double[] {0.1 + 0.2, -Math.log(1.3) / Math.log(2)}, 0.35);
    ResidualAction back = ResidualAction.parse(residual.anchorText(), 0.35);
    assertThat(back).isEqualTo(residual);
    assertThat(back.anchorAction()).containsExactly(0.1 + 0.2, -Math.log(1.3) / Math.log(2));
    assertThat(ResidualAction.parse("", 1)).isSameAs(ResidualAction.NONE);
    assertThatThrownBy(() -> ResidualAction.parse("HIGH=0.1", 0.5))
        .hasMessageContaining("not GROUP:action");
    assertThatThrownBy(() -> new ResidualAction(List.of("A"), new double[] {1.5}, 0.5))
        .hasMessageContaining("[-1, 1]");
    assertThatThrownBy(() -> new ResidualAction(List.of("A"), new double[] {0.5}, 0))
        .hasMessageContaining("(0, 2]");
  }

  @Test
  void trainingSettings_writeAndRead_keepTheAnchor_andOldFilesHaveNone() {
    ResidualAction residual =
        new ResidualAction(List.of("HIGH", "LOW", "MIDDLE"), new double[] {-0.3, 0.07, 1e-17}, 0.5);
    TrainingSettings settings = TrainingSettings.defaults(7, 5).withResidual(residual);
    Path checkpoint = dir.resolve("policy.ckpt");
    settings.writeFor(checkpoint);
    assertThat(TrainingSettings.readFor(checkpoint)).isEqualTo(settings);
    assertThat(TrainingSettings.readFor(checkpoint).environmentOptions().residual())
        .isEqualTo(residual);

    TrainingSettings plain = TrainingSettings.defaults(7, 5);
    plain.writeFor(checkpoint);
    assertThat(TrainingSettings.readFor(checkpoint).residual()).isSameAs(ResidualAction.NONE);
  }

  @Test
  void environment_zeroActionRunsTheAnchor_andEarnsOnlyTheChangeTermAgainstIt() {
    Scenario scenario = TestScenarios.s5(4);
    EquityEnvironmentOptions plain =
        EquityEnvironmentOptions.defaults(3)
            .withEpisodeDays(3)
            .withPool(0, 8)
            .withNeutralBaseline(true);
    DayEvaluator evaluator = new DayEvaluator(scenario, plain);
    WeightMap map = evaluator.weightMap();
    double[] anchorWeights = map.weights(new double[] {0.3, -0.2, 0.1});
    EquityEnvironmentOptions options =
        plain.withResidual(ResidualAction.around(map, anchorWeights, 0.5));
    EquityEnvironment env = new EquityEnvironment(evaluator, options);
    env.resetAt(2);
    double[] before = env.weights();

    Step step = env.step(new double[map.dimensions()]);

    assertThat(env.weights()).containsExactly(anchorWeights, within(1e-9));
    double change = 0;
    for (int g = 0; g < before.length; g++) {
      change += Math.abs(anchorWeights[g] - before[g]);
    }
    // the baseline day is the same day under the anchor's weights: index and PoF terms cancel
    assertThat(step.reward()).isCloseTo(-options.kappa() * change, within(1e-9));

    double[] last = env.weights();
    Step moved = env.step(new double[] {1, 0, 0});
    // the first group's action: anchor 0.3 + 0.5 · 1 = 0.8 before the map's normalisation
    double[] movedWeights = map.weights(new double[] {0.8, -0.2, 0.1});
    assertThat(env.weights()).containsExactly(movedWeights, within(1e-12));
    double movedChange = 0;
    for (int g = 0; g < last.length; g++) {
      movedChange += Math.abs(movedWeights[g] - last[g]);
    }
    DayOutcome anchorDay = evaluator.evaluate(4, anchorWeights);
    assertThat(env.lastOutcome().dayIndex()).isEqualTo(4);
    assertThat(moved.reward())
        .isCloseTo(
            EquityEnvironment.baselinedReward(options, env.lastOutcome(), anchorDay, movedChange),
            within(1e-12));
  }
}
