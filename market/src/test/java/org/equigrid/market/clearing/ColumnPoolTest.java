package org.equigrid.market.clearing;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ColumnPoolTest {

  private static final int INTERVALS = 3;

  /** A pool of {@code members} members; the pool reads only the member count and the intervals. */
  private static ColumnPool pool(int members) {
    return new ColumnPool(
        new DecompositionData(
            null, null, members, INTERVALS, 1, null, null, null, null, null, null, null));
  }

  private static HouseholdBlock.Column schedule(double imp, double buy, int[] starts) {
    double[][] values = new double[HouseholdBlock.FLOWS][INTERVALS];
    values[HouseholdBlock.IMP] = new double[] {imp, 0, 1};
    values[HouseholdBlock.BUY] = new double[] {buy, 0, 0};
    return new HouseholdBlock.Column(values, starts);
  }

  @Test
  void held_zeroRows_shareOneArray_otherRowsKeptAsGiven() {
    ColumnPool pool = pool(2);
    HouseholdBlock.Column given = schedule(2, 0, new int[] {2});

    HouseholdBlock.Column a = pool.held(given);
    HouseholdBlock.Column b = pool.held(schedule(3, 1, null));

    assertThat(a.values()[HouseholdBlock.CH]).isSameAs(b.values()[HouseholdBlock.DIS]);
    assertThat(a.values()[HouseholdBlock.CH]).containsExactly(0, 0, 0);
    assertThat(a.values()[HouseholdBlock.BUY]).isSameAs(a.values()[HouseholdBlock.CH]);
    assertThat(a.values()[HouseholdBlock.IMP]).isSameAs(given.values()[HouseholdBlock.IMP]);
    assertThat(b.values()[HouseholdBlock.BUY]).containsExactly(1, 0, 0);
    assertThat(a.starts()).containsExactly(2);
    assertThat(b.starts()).isNull();
  }

  @Test
  void held_negativeZero_keptBitForBit() {
    HouseholdBlock.Column held = pool(1).held(schedule(1, -0.0, null));

    assertThat(Double.doubleToRawLongBits(held.values()[HouseholdBlock.BUY][0]))
        .isEqualTo(Double.doubleToRawLongBits(-0.0));
    assertThat(held.values()[HouseholdBlock.BUY]).isNotSameAs(held.values()[HouseholdBlock.CH]);
  }
}
