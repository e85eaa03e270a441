package org.equigrid.market.settlement;

import java.util.Arrays;
import java.util.BitSet;
import java.util.Map;
import java.util.stream.Collectors;
import org.equigrid.market.game.CoreCheck;
import org.equigrid.market.game.CoreReport;
import org.equigrid.market.game.Nucleolus;
import org.equigrid.market.game.TabularGame;
import org.equigrid.market.model.TradingDay;
import org.equigrid.market.settlement.DaySettlement.Stability;

/**
 * The settlement's core check (DESIGN.md section 3, stability) as the day reports it: over every
 * coalition with the least-core {@code ε} for exact settlements, over the coalitions the sampler
 * visited for sampled ones; the most violated coalition named by its households' ids.
 */
final class StabilityCheck {

  private static final double CORE_TOLERANCE_EUR = 1e-6;
  private static final int LEAST_CORE_MAX_HOUSEHOLDS = 12;

  private StabilityCheck() {}

  static Stability exact(TabularGame table, double[] shares, TradingDay day) {
    CoreReport core = CoreCheck.check(table, shares, CORE_TOLERANCE_EUR);
    double epsilon = Double.NaN;
    int n = table.players();
    if (n >= 2 && n <= LEAST_CORE_MAX_HOUSEHOLDS) {
      epsilon = Nucleolus.leastCore(table).epsilon();
    }
    BitSet violated = BitSet.valueOf(new long[] {core.mostViolated()});
    return new Stability(
        "all coalitions",
        (1L << n) - 2,
        core.inCore(),
        ids(violated, day),
        core.maxExcess(),
        epsilon);
  }

  static Stability visited(CoalitionValues values, double[] shares, TradingDay day) {
    Map<BitSet, Double> visited = values.evaluated();
    double maxExcess = Double.NEGATIVE_INFINITY;
    BitSet worst = null;
    for (Map.Entry<BitSet, Double> entry : visited.entrySet()) {
      BitSet coalition = entry.getKey();
      double allocated = 0;
      for (int i = coalition.nextSetBit(0); i >= 0; i = coalition.nextSetBit(i + 1)) {
        allocated += shares[i];
      }
      double excess = entry.getValue() - allocated;
      if (excess > maxExcess || (excess == maxExcess && compare(coalition, worst) < 0)) {
        maxExcess = excess;
        worst = coalition;
      }
    }
    if (worst == null) {
      return new Stability("visited coalitions", 0, true, "", 0.0, Double.NaN);
    }
    return new Stability(
        "visited coalitions",
        visited.size(),
        maxExcess <= CORE_TOLERANCE_EUR,
        ids(worst, day),
        maxExcess,
        Double.NaN);
  }

  private static int compare(BitSet a, BitSet b) {
    if (b == null) {
      return -1;
    }
    return Arrays.compare(a.stream().toArray(), b.stream().toArray());
  }

  private static String ids(BitSet coalition, TradingDay day) {
    return coalition.stream()
        .mapToObj(i -> day.households().get(i).id())
        .collect(Collectors.joining(","));
  }
}
