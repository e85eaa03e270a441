package org.equigrid.market.clearing.engine;

import static org.assertj.core.api.Assertions.assertThat;

import org.equigrid.market.clearing.SolverOptions;
import org.equigrid.market.clearing.engine.ClearingEngine.Guarantee;
import org.junit.jupiter.api.Test;

/** Which engines the plan chains for which options, and what the chain then guarantees. */
class PlanTest {

  private static final SolverOptions DEFAULTS = SolverOptions.defaults();

  /**
   * The default chain holds the decomposition from {@value
   * SolverOptions#DEFAULT_DECOMPOSITION_MIN_HOUSEHOLDS} members, an approximation: the chain says
   * so.
   */
  @Test
  void defaults_poolingOverClosedFormOverDecompositionOverStagedMilp() {
    Plan plan = Plan.of(DEFAULTS);
    assertThat(plan.solve().name())
        .isEqualTo(
            "household pooling over closed form, else price decomposition, else staged MILP");
    assertThat(plan.solve().guarantee()).isEqualTo(Guarantee.FEASIBLE_WITH_BOUND);
    assertThat(plan.dispatch().name()).isEqualTo("tie-break over " + plan.solve().name());
  }

  @Test
  void withoutDecomposition_exact() {
    Plan plan = Plan.of(DEFAULTS.withDecompositionMinHouseholds(Integer.MAX_VALUE));
    assertThat(plan.solve().name())
        .isEqualTo("household pooling over closed form, else staged MILP");
    assertThat(plan.solve().guarantee()).isEqualTo(Guarantee.EXACT);
    assertThat(plan.dispatch().guarantee()).isEqualTo(Guarantee.EXACT);
  }

  @Test
  void poolingOff_noPoolingDecorator() {
    assertThat(Plan.of(DEFAULTS.withPooling(false)).solve().name())
        .isEqualTo("closed form, else price decomposition, else staged MILP");
  }

  @Test
  void withoutMilp_lpRelaxationReplacesStagedMilp_relaxation() {
    Plan plan = Plan.of(new SolverOptions(30.0, 1e-4, false, 0.01));
    assertThat(plan.solve().name()).endsWith("else LP relaxation");
    assertThat(plan.solve().guarantee()).isEqualTo(Guarantee.RELAXATION);
    assertThat(plan.monolithic()).isInstanceOf(LpRelaxationEngine.class);
  }

  @Test
  void poolIdenticalBatteries_batteryPoolingOnTop_anApproximation() {
    Plan plan = Plan.of(DEFAULTS.withPoolIdenticalBatteries(true));
    assertThat(plan.solve()).isInstanceOf(BatteryPoolingEngine.class);
    assertThat(plan.solve().name())
        .isEqualTo(
            "battery pooling over household pooling over closed form, else price decomposition,"
                + " else staged MILP");
    assertThat(plan.solve().guarantee()).isEqualTo(Guarantee.FEASIBLE_WITH_BOUND);
    assertThat(plan.dispatch().guarantee()).isEqualTo(Guarantee.FEASIBLE_WITH_BOUND);
  }

  @Test
  void withoutShortcuts_noClosedForm() {
    Plan plan = Plan.of(DEFAULTS, false, false, SolverOptions.MILP_NODE_BUDGET);
    assertThat(plan.solve().name())
        .isEqualTo("household pooling over price decomposition, else staged MILP");
  }

  @Test
  void guarantee_ofAnApproximationOverARelaxation_isTheRelaxation() {
    assertThat(Guarantee.EXACT.over(Guarantee.FEASIBLE_WITH_BOUND))
        .isEqualTo(Guarantee.FEASIBLE_WITH_BOUND);
    assertThat(Guarantee.FEASIBLE_WITH_BOUND.over(Guarantee.EXACT))
        .isEqualTo(Guarantee.FEASIBLE_WITH_BOUND);
    assertThat(Guarantee.FEASIBLE_WITH_BOUND.over(Guarantee.RELAXATION))
        .isEqualTo(Guarantee.RELAXATION);
    assertThat(Guarantee.EXACT.over(Guarantee.EXACT)).isEqualTo(Guarantee.EXACT);
  }
}
