package org.equigrid.market.clearing.engine;

import static org.assertj.core.api.Assertions.assertThat;

import org.equigrid.market.clearing.SolverOptions;
import org.junit.jupiter.api.Test;

class StagedMilpEngineTest {

  private static final long BUDGET = SolverOptions.MILP_NODE_BUDGET;

  @Test
  void nodeLimit_upToReferenceMembers_isTheBudgetPerBinary() {
    // 1,000,000 / 240 = 4,166 (the 30-household reference day: 18 members)
    assertThat(StagedMilpEngine.nodeLimit(BUDGET, 240, 18)).isEqualTo(4_166);
    assertThat(StagedMilpEngine.nodeLimit(BUDGET, 528, 20)).isEqualTo(1_893);
  }

  @Test
  void nodeLimit_aboveReferenceMembers_dividesByTheCubedRatio() {
    // 1,000,000 / 528 = 1,893; (56 / 20)³ = 21.952; 1,893 / 21.952 = 86.23
    assertThat(StagedMilpEngine.nodeLimit(BUDGET, 528, 56)).isEqualTo(86);
    // 1,000,000 / 192 = 5,208; (29 / 20)³ = 3.048625; 5,208 / 3.048625 = 1,708.31
    assertThat(StagedMilpEngine.nodeLimit(BUDGET, 192, 29)).isEqualTo(1_708);
  }

  @Test
  void nodeLimit_neverBelowTheMinimumAndNoneWithoutBudget() {
    assertThat(StagedMilpEngine.nodeLimit(1, 528, 56)).isEqualTo(SolverOptions.MILP_MIN_NODES);
    assertThat(StagedMilpEngine.nodeLimit(BUDGET, 5_000, 1_000))
        .isEqualTo(SolverOptions.MILP_MIN_NODES);
    assertThat(StagedMilpEngine.nodeLimit(Long.MAX_VALUE, 528, 56)).isEqualTo(-1);
  }
}
