package org.equigrid.market.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class IndexTest {

  @Test
  void of_nonFiniteValue_isRejectedWithTheWayOut() {
    assertThatThrownBy(() -> Index.of(Double.NaN))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "A defined index needs a finite value, got NaN.\nMaybe use Index.undefined(reason)?");
  }

  @Test
  void undefined_blankReason_isRejected() {
    assertThatThrownBy(() -> Index.undefined(" "))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("An undefined index needs a reason, got a blank one.");
  }

  @Test
  void undefined_anyValue_becomesNaNWithItsReason() {
    Index index = new Index(3.0, "undefined: no data");
    assertThat(index.defined()).isFalse();
    assertThat(index.value()).isNaN();
    assertThat(index.orElse(-1)).isEqualTo(-1);
  }
}
