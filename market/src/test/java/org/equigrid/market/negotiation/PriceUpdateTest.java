package org.equigrid.market.negotiation;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PriceUpdateTest {

  @Test
  void parse_eachKeyOnceCaseInsensitive_unknownEmpty() {
    for (PriceUpdate u : PriceUpdate.values()) {
      assertThat(PriceUpdate.parse(" " + u.key().toUpperCase(java.util.Locale.ROOT) + " "))
          .contains(u);
    }
    assertThat(PriceUpdate.parse("supply-demand-ratio")).contains(PriceUpdate.SUPPLY_DEMAND_RATIO);
    assertThat(PriceUpdate.parse("SDR")).contains(PriceUpdate.SUPPLY_DEMAND_RATIO);
    assertThat(PriceUpdate.parse("average")).isEmpty();
    assertThat(PriceUpdate.parse(null)).isEmpty();
    assertThat(PriceUpdate.allowed()).isEqualTo("marginal, supply-demand-ratio");
  }
}
