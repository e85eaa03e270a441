package org.equigrid.agents.coordinator;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MarketModeTest {

  @Test
  void parse_eachKeyOnceCaseInsensitive_unknownEmpty() {
    assertThat(MarketMode.parse("Central")).contains(MarketMode.CENTRAL);
    assertThat(MarketMode.parse(" decentralised ")).contains(MarketMode.DECENTRALISED);
    assertThat(MarketMode.parse("hybrid")).isEmpty();
    assertThat(MarketMode.parse(null)).isEmpty();
    assertThat(MarketMode.allowed()).isEqualTo("central, decentralised");
  }
}
