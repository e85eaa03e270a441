package org.equigrid.experiments.learning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class BestStaticTest {

  @Test
  void selectionDays_spreadEvenlyOverThePool() {
    // ⌊k · 365 / 8⌋ = 0, 45.6, 91.25, 136.9, 182.5, 228.1, 273.75, 319.4
    assertThat(BestStatic.selectionDays(0, 365, 8))
        .containsExactly(0, 45, 91, 136, 182, 228, 273, 319);
    // from day 100: 100 + ⌊k · 30 / 4⌋ = 100, 107, 115, 122
    assertThat(BestStatic.selectionDays(100, 130, 4)).containsExactly(100, 107, 115, 122);
  }

  @Test
  void choose_refusesAnEmptySelection() {
    assertThatThrownBy(() -> BestStatic.choose(null, 0, 365, 0, null, 0.01))
        .hasMessageContaining("selection days (0)");
  }
}
