package org.equigrid.market.clearing.engine;

import static org.assertj.core.api.Assertions.assertThat;

import org.equigrid.market.clearing.SolverOptions;
import org.equigrid.market.clearing.engine.ClearingEngine.Guarantee;
import org.junit.jupiter.api.Test;

/** Which engines the plan chains for which options, and what the chain then guarantees. */
class PlanTest {

  private static final SolverOptions DEFAULTS = SolverOptions.defaults();

  /** The default chain is exact at every size: no decomposition (issue 13). */
  @Test
  void defaults_poolingOverClosedFormOverStagedMilp_exact() {
    assertThat(DEFAULTS.decompositionMinHouseholds()).isEqualTo(SolverOptions.NEVER_DECOMPOSE);
    assertThat(DEFAULTS.decomposes()).isFalse();
    Plan plan = Plan.of(DEFAULTS);
    assertThat(plan.solve().name())
        .isEqualTo("household pooling over closed form, else staged MILP");
    assertThat(plan.solve().guarantee()).isEqualTo(Guarantee.EXACT);
    assertThat(plan.dispatch().name()).isEqualTo("tie-break over " + plan.solve().name());
    assertThat(plan.dispatch().guarantee()).isEqualTo(Guarantee.EXACT);
  }

  /** Opting in to the decomposition puts it in the chain, which then says it approximates. */
  @Test
  void decompositionOptedIn_inTheChain_anApproximation() {
    Plan plan = Plan.of(DEFAULTS.withDecompositionMinHouseholds(2000));
    assertThat(plan.solve().name())
        .isEqualTo(
            "household pooling over closed form, else price decomposition, else staged MILP");
    assertThat(plan.solve().guarantee()).isEqualTo(Guarantee.FEASIBLE_WITH_BOUND);
    assertThat(plan.dispatch().guarantee()).isEqualTo(Guarantee.FEASIBLE_WITH_BOUND);
  }

  @Test
  void poolingOff_noPoolingDecorator() {
    assertThat(Plan.of(DEFAULTS.withPooling(false)).solve().name())
        .isEqualTo("closed form, else staged MILP");
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
        .isEqualTo("battery pooling over household pooling over closed form, else staged MILP");
    assertThat(plan.solve().guarantee()).isEqualTo(Guarantee.FEASIBLE_WITH_BOUND);
    assertThat(plan.dispatch().guarantee()).isEqualTo(Guarantee.FEASIBLE_WITH_BOUND);
  }

  @Test
  void withoutShortcuts_noClosedForm() {
    Plan plan = Plan.of(DEFAULTS, false, false, SolverOptions.MILP_NODE_BUDGET);
    assertThat(plan.solve().name()).isEqualTo("household pooling over staged MILP");
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
