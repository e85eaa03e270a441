package org.equigrid.experiments.learning;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.equigrid.agents.learning.equity.EquityPolicy;
import org.equigrid.agents.learning.equity.TrainingSettings;
import org.equigrid.config.Scenario;
import org.equigrid.config.ScenarioReader;
import org.equigrid.experiments.cli.EquigridCommand;
import org.equigrid.experiments.report.HtmlReport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code equigrid train}, {@code --resume} and {@code evaluate} on a 4-household community. */
class TrainEvaluateIT {

  private static final String HOUSEHOLDS = "community.generate.households=4";

  @TempDir Path tmp;

  @Test
  void train_checkpointThenResume_equalsTrainingStraight_andEvaluateWritesEveryDay()
      throws Exception {
    Path straight = tmp.resolve("straight");
    Path split = tmp.resolve("split");
    assertThat(train(straight, "8", null)).isZero();
    assertThat(train(split, "4", null)).isZero();
    assertThat(train(split, "8", split.resolve(EquityTrainer.CHECKPOINT))).isZero();

    Scenario scenario = ScenarioReader.read(s5(), Map.of("community.generate.households", "4"));
    double[] a =
        EquityPolicy.load(straight.resolve(EquityTrainer.CHECKPOINT), scenario).ppo().parameters();
    double[] b =
        EquityPolicy.load(split.resolve(EquityTrainer.CHECKPOINT), scenario).ppo().parameters();
    assertThat(b).containsExactly(a);
    // train's default is a residual policy; the resumed run keeps the anchor of the checkpoint
    TrainingSettings straightSettings =
        TrainingSettings.readFor(straight.resolve(EquityTrainer.CHECKPOINT));
    assertThat(straightSettings.residual().on()).isTrue();
    assertThat(TrainingSettings.readFor(split.resolve(EquityTrainer.CHECKPOINT)))
        .isEqualTo(straightSettings);
    assertThat(withoutRate(split.resolve(EquityTrainer.LEARNING_CSV)))
        .isEqualTo(withoutRate(straight.resolve(EquityTrainer.LEARNING_CSV)))
        .hasSize(3); // header and two updates
    assertThat(straight.resolve(HtmlReport.REPORT_HTML)).exists();

    Path eval = tmp.resolve("eval");
    int exit =
        EquigridCommand.commandLine()
            .execute(
                "evaluate",
                s5().toString(),
                "--set",
                HOUSEHOLDS,
                "--policy",
                straight.resolve(EquityTrainer.CHECKPOINT).toString(),
                "--days",
                "3",
                "--out",
                eval.toString());
    assertThat(exit).isZero();
    List<String> rows = Files.readAllLines(eval.resolve(PolicyEvaluation.EVALUATION_CSV));
    assertThat(rows).hasSize(4);
    assertThat(rows.get(0))
        .startsWith("day,largest_burden_neutral,largest_burden_static,largest_burden_learned,")
        .contains(",price_of_fairness_neutral,")
        .endsWith("weight_HIGH_learned,weight_LOW_learned,weight_MIDDLE_learned");
    assertThat(rows.get(1)).startsWith("365,");
    assertThat(rows.get(3)).startsWith("367,");
    int columns = rows.get(0).split(",").length;
    for (String row : rows) {
      assertThat(row.split(",")).hasSize(columns);
    }
    Path s6 = s5().resolveSibling("s6-p2p-adaptive-equity.yaml");
    Path run = tmp.resolve("run");
    assertThat(
            EquigridCommand.commandLine()
                .execute(
                    "run",
                    s6.toString(),
                    "--set",
                    HOUSEHOLDS,
                    "--set",
                    "equity.adaptive.policy=" + straight.resolve(EquityTrainer.CHECKPOINT),
                    "--days",
                    "2",
                    "--out",
                    run.toString()))
        .isZero();
    assertThat(run.resolve("summary.json")).exists();
    String summary = Files.readString(eval.resolve(PolicyEvaluation.SUMMARY_TXT));
    assertThat(summary)
        .contains("neutral")
        .contains("static")
        .contains("learned")
        .containsAnyOf(
            "lowers the mean largest-burden below both baselines",
            "does NOT lower the mean largest-burden");
  }

  @Test
  void evaluate_missingPolicy_exitsWithBadInput() {
    int exit =
        EquigridCommand.commandLine()
            .execute("evaluate", s5().toString(), "--policy", tmp.resolve("nope.ckpt").toString());
    assertThat(exit).isEqualTo(EquigridCommand.EXIT_BAD_INPUT);
  }

  private int train(Path out, String episodes, Path resume) {
    List<String> args =
        new java.util.ArrayList<>(
            List.of(
                "train",
                s5().toString(),
                "--set",
                HOUSEHOLDS,
                "--episodes",
                episodes,
                "--episode-days",
                "3",
                "--out",
                out.toString()));
    if (resume != null) {
      args.add("--resume");
      args.add(resume.toString());
    }
    return EquigridCommand.commandLine().execute(args.toArray(String[]::new));
  }

  private static List<String> withoutRate(Path csv) throws Exception {
    return Files.readAllLines(csv).stream()
        .map(line -> line.substring(0, line.lastIndexOf(',')))
        .toList();
  }

  static Path s5() {
    Path dir = Path.of("").toAbsolutePath();
    while (dir != null) {
      Path candidate = dir.resolve("config/scenarios/s5-p2p-static-equity.yaml");
      if (Files.exists(candidate)) {
        return candidate;
      }
      dir = dir.getParent();
    }
    throw new IllegalStateException(
        "config/scenarios/s5-p2p-static-equity.yaml not found above the working directory");
  }
}
