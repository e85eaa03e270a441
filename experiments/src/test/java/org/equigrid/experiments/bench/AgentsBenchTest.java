package org.equigrid.experiments.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.equigrid.experiments.cli.BadInputException;
import org.equigrid.market.settlement.SettlementOptions;
import org.junit.jupiter.api.Test;

class AgentsBenchTest {

  @Test
  void settlementOptions_types_theDefaultWithThatManyTypes() throws BadInputException {
    SettlementOptions options = AgentsBench.settlementOptions("types=12");

    assertThat(options.types()).isEqualTo(12);
    assertThat(options.typesAboveHouseholds())
        .isEqualTo(SettlementOptions.defaults().typesAboveHouseholds());
  }

  @Test
  void settlementOptions_noneAndBadText_nullAndTheAllowedForms() throws BadInputException {
    assertThat(AgentsBench.settlementOptions("none")).isNull();
    assertThatThrownBy(() -> AgentsBench.settlementOptions("types=0"))
        .isInstanceOf(BadInputException.class)
        .hasMessageContaining("types=K");
  }
}
