package org.equigrid.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AdaptiveEquityTest {
  @TempDir Path dir;

  @Test
  void read_noAdaptiveKey_staticWeights() throws Exception {
    Scenario scenario =
        ScenarioReader.read(TestScenarios.write(dir, "s.yaml", TestScenarios.SMALL));
    assertThat(scenario.adaptiveEquity()).isNull();
    assertThat(scenario.canonicalYaml()).doesNotContain("adaptive");
  }

  @Test
  void read_adaptiveWithoutPolicy_adaptiveButNoPolicy() throws Exception {
    Scenario scenario =
        ScenarioReader.read(
            TestScenarios.write(
                dir, "s.yaml", TestScenarios.SMALL + "equity:\n  adaptive: {policy: null}\n"));
    assertThat(scenario.adaptiveEquity()).isNotNull();
    assertThat(scenario.adaptiveEquity().hasPolicy()).isFalse();
  }

  @Test
  void read_adaptivePolicy_resolvedAgainstTheScenarioFolder() throws Exception {
    Files.createDirectories(dir.resolve("runs"));
    Files.writeString(dir.resolve("runs/policy.ckpt"), "x");
    Scenario scenario =
        ScenarioReader.read(
            TestScenarios.write(
                dir,
                "s.yaml",
                TestScenarios.SMALL + "equity:\n  adaptive:\n    policy: runs/policy.ckpt\n"));
    assertThat(scenario.adaptiveEquity().policy())
        .isEqualTo(dir.resolve("runs/policy.ckpt").toAbsolutePath().normalize());
  }

  @Test
  void read_missingPolicyFile_problemNamesFieldAndWayOut() {
    ScenarioException e =
        catchThrowableOfType(
            ScenarioException.class,
            () ->
                ScenarioReader.read(
                    TestScenarios.write(
                        dir,
                        "s.yaml",
                        TestScenarios.SMALL + "equity:\n  adaptive: {policy: nope.ckpt}\n")));
    assertThat(e).isNotNull();
    assertThat(e.problems())
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.fieldPath()).isEqualTo("equity.adaptive.policy");
              assertThat(p.problem()).contains(Messages.POLICY_NOT_FOUND).contains("Maybe");
            });
  }

  @Test
  void read_unknownKeyUnderAdaptive_rejectedWithSuggestion() {
    ScenarioException e =
        catchThrowableOfType(
            ScenarioException.class,
            () ->
                ScenarioReader.read(
                    TestScenarios.write(
                        dir,
                        "s.yaml",
                        TestScenarios.SMALL + "equity:\n  adaptive: {polcy: null}\n")));
    assertThat(e.problems())
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.fieldPath()).isEqualTo("equity.adaptive.polcy");
              assertThat(p.problem()).contains(Messages.UNKNOWN_KEY).contains("policy");
            });
  }

  @Test
  void read_reward_defaultLargestBurden_orTheNamedIndex_inCanonicalYaml() throws Exception {
    Scenario plain =
        ScenarioReader.read(
            TestScenarios.write(
                dir, "a.yaml", TestScenarios.SMALL + "equity:\n  adaptive: {policy: null}\n"));
    assertThat(plain.adaptiveEquity().reward())
        .isEqualTo(AdaptiveEquity.RewardIndex.LARGEST_BURDEN);
    assertThat(plain.canonicalYaml()).contains("reward: largest-burden");

    Scenario named =
        ScenarioReader.read(
            TestScenarios.write(
                dir,
                "b.yaml",
                TestScenarios.SMALL
                    + "equity:\n  adaptive: {policy: null, reward: gini-burden-net-payers}\n"));
    assertThat(named.adaptiveEquity().reward())
        .isEqualTo(AdaptiveEquity.RewardIndex.GINI_BURDEN_NET_PAYERS);
    assertThat(named.adaptiveEquity().hasPolicy()).isFalse();
  }

  @Test
  void read_unknownReward_problemNamesFieldAndTheAllowedIndices() {
    ScenarioException e =
        catchThrowableOfType(
            ScenarioException.class,
            () ->
                ScenarioReader.read(
                    TestScenarios.write(
                        dir,
                        "s.yaml",
                        TestScenarios.SMALL
                            + "equity:\n  adaptive: {policy: null, reward: gini}\n")));
    assertThat(e).isNotNull();
    assertThat(e.problems())
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.fieldPath()).isEqualTo("equity.adaptive.reward");
              assertThat(p.problem())
                  .contains(Messages.NOT_ONE_OF)
                  .contains("largest-burden")
                  .contains("gini-burden-net-payers")
                  .contains("least-advantaged-burden")
                  .contains("gini-burden");
            });
  }
}
