package org.equigrid.market.clearing;

import org.equigrid.market.model.Battery;

/**
 * The directions the decomposition has fixed, per member with binaries (a battery or flexible
 * demand) and interval: the battery's ({@code 1} only charge, {@code −1} only discharge) and the
 * meter's ({@code 1} only draw, {@code −1} only give); {@code 0} free. Rounding passes fix the
 * pairs that break in the combined schedule by their net flow ({@link #fixBroken}, as the
 * monolithic rounding pass); price-and-branch's dives fix those a restricted master IP's schedule
 * uses ({@link #fixUsed}). The households' pricing problems respect them ({@link PricingCalls});
 * columns against them leave the master ({@link #violates}).
 */
final class DirectionFixes {

  private final DecompositionData data;
  private final byte[][] chargeDirection;
  private final byte[][] gridDirection;
  private final int[][] starts;
  private int fixedPairs;

  DirectionFixes(DecompositionData data) {
    this.data = data;
    chargeDirection = new byte[data.memberCount()][data.intervals()];
    gridDirection = new byte[data.memberCount()][data.intervals()];
    starts = new int[data.memberCount()][];
  }

  /** Member {@code k}'s fixed appliance starts (a copy), or null: free. */
  int[] starts(int k) {
    return starts[k] == null ? null : starts[k].clone();
  }

  /**
   * Fixes the appliance starts of every member with appliances to {@code chosen[k]} (a restricted
   * master IP's); a member whose entry is null stays free.
   */
  void fixStarts(int[][] chosen) {
    for (int k = 0; k < starts.length; k++) {
      if (data.appliances()[k] > 0 && chosen[k] != null) {
        starts[k] = chosen[k].clone();
      }
    }
  }

  /** Member {@code k}'s battery directions (a copy). */
  byte[] charge(int k) {
    return chargeDirection[k].clone();
  }

  /** Member {@code k}'s meter directions (a copy). */
  byte[] grid(int k) {
    return gridDirection[k].clone();
  }

  /** Pairs fixed by {@link #fixBroken} so far. */
  int fixedPairs() {
    return fixedPairs;
  }

  /** The pairs that break in {@code raw} (both ways at once) among the battery members. */
  int countBroken(ClearingModel.RawSolution raw) {
    int broken = 0;
    for (int k = 0; k < data.memberCount(); k++) {
      if (!data.hasDirections()[k]) {
        continue; // direction fixed by the data
      }
      for (int t = 0; t < data.intervals(); t++) {
        if (Math.min(raw.ch()[k][t], raw.dis()[k][t]) > BinaryPairs.BREAK_KWH) {
          broken++;
        }
        if (BinaryPairs.breaksDirection(
            raw.imp()[k][t], raw.exp()[k][t], raw.buy()[k][t], raw.sell()[k][t], raw.cur()[k][t])) {
          broken++;
        }
      }
    }
    return broken;
  }

  /**
   * Fixes the direction of every free pair that breaks in {@code raw} by its net flow, marking the
   * members it touched in {@code touched}; returns how many pairs it fixed.
   */
  int fixBroken(ClearingModel.RawSolution raw, boolean[] touched) {
    ClearingRequest request = data.request();
    int fixed = 0;
    for (int k = 0; k < data.memberCount(); k++) {
      Battery battery = data.day().households().get(request.members()[k]).battery();
      if (!data.hasDirections()[k]) {
        continue; // direction fixed by the data
      }
      for (int t = 0; t < data.intervals(); t++) {
        double ch = raw.ch()[k][t];
        double dis = raw.dis()[k][t];
        if (battery != null
            && chargeDirection[k][t] == 0
            && Math.min(ch, dis) > BinaryPairs.BREAK_KWH) {
          boolean charging = battery.chargeEfficiency() * ch >= dis / battery.dischargeEfficiency();
          chargeDirection[k][t] = (byte) (charging ? 1 : -1);
          touched[k] = true;
          fixed++;
        }
        double imp = raw.imp()[k][t];
        double exp = raw.exp()[k][t];
        double buy = raw.buy()[k][t];
        double sell = raw.sell()[k][t];
        double cur = raw.cur()[k][t];
        if (gridDirection[k][t] == 0 && BinaryPairs.breaksDirection(imp, exp, buy, sell, cur)) {
          // With a battery: a direction that admits an idle battery (draw where L >= G, give where
          // G > L), so that the fresh column the household is then asked for exists whatever the
          // battery's direction. Without (a household with an EV): the combined schedule's net
          // flow, which the combined schedule itself meets (its EV's charging covers any surplus
          // where it draws), so the fixed household still has a schedule.
          int i = request.members()[k];
          boolean drawing =
              battery != null
                  ? data.day().loadKwh()[i][t] >= data.day().pvKwh()[i][t]
                  : imp + buy >= exp + sell + cur;
          gridDirection[k][t] = (byte) (drawing ? 1 : -1);
          touched[k] = true;
          fixed++;
        }
      }
    }
    fixedPairs += fixed;
    return fixed;
  }

  /**
   * Fixes each battery member's directions where they are still free and the schedule {@code
   * flows[flow][k][t]} uses them; idle intervals stay free.
   */
  void fixUsed(double[][][] flows) {
    boolean[] hasDirections = data.hasDirections();
    for (int k = 0; k < hasDirections.length; k++) {
      if (!hasDirections[k]) {
        continue;
      }
      for (int t = 0; t < chargeDirection[k].length; t++) {
        if (chargeDirection[k][t] == 0) {
          if (flows[HouseholdBlock.CH][k][t] > HouseholdMilp.USED_KWH) {
            chargeDirection[k][t] = 1;
          } else if (flows[HouseholdBlock.DIS][k][t] > HouseholdMilp.USED_KWH) {
            chargeDirection[k][t] = -1;
          }
        }
        if (gridDirection[k][t] == 0) {
          double draws = flows[HouseholdBlock.IMP][k][t] + flows[HouseholdBlock.BUY][k][t];
          double gives =
              flows[HouseholdBlock.EXP][k][t]
                  + flows[HouseholdBlock.SELL][k][t]
                  + flows[HouseholdBlock.CUR][k][t];
          if (draws > HouseholdMilp.USED_KWH) {
            gridDirection[k][t] = 1;
          } else if (gives > HouseholdMilp.USED_KWH) {
            gridDirection[k][t] = -1;
          }
        }
      }
    }
  }

  /** Whether member {@code k}'s {@code column} goes against a fixed direction or start. */
  boolean violates(int k, HouseholdBlock.Column column) {
    if (starts[k] != null && !java.util.Arrays.equals(starts[k], column.starts())) {
      return true;
    }
    double[][] v = column.values();
    for (int t = 0; t < data.intervals(); t++) {
      if (chargeDirection[k][t] > 0 && v[HouseholdBlock.DIS][t] > BinaryPairs.BREAK_KWH
          || chargeDirection[k][t] < 0 && v[HouseholdBlock.CH][t] > BinaryPairs.BREAK_KWH
          || gridDirection[k][t] > 0
              && v[HouseholdBlock.EXP][t] + v[HouseholdBlock.SELL][t] + v[HouseholdBlock.CUR][t]
                  > BinaryPairs.BREAK_KWH
          || gridDirection[k][t] < 0
              && v[HouseholdBlock.IMP][t] + v[HouseholdBlock.BUY][t] > BinaryPairs.BREAK_KWH) {
        return true;
      }
    }
    return false;
  }
}
