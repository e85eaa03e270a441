package org.equigrid.market.clearing;

import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.equigrid.market.model.EquitySettings;
import org.equigrid.market.model.TradingDay;

/**
 * A measurement, not a test: solve times of the community clearing for growing communities (a third
 * with batteries, half with PV, 24 h). Run from the module directory with the test class path, e.g.
 * {@code java -cp target/classes:target/test-classes:$(cat cp.txt)
 * org.equigrid.market.clearing.ClearingBenchmark 10 100 1000}.
 */
final class ClearingBenchmark {

  private ClearingBenchmark() {}

  public static void main(String[] args) {
    java.util.List<String> flags = java.util.Arrays.asList(args);
    SolverOptions options = SolverOptions.defaults();
    if (flags.contains("--monolithic")) {
      options = options.withDecompositionMinHouseholds(Integer.MAX_VALUE);
    } else if (flags.contains("--decomposed")) {
      options = options.withDecompositionMinHouseholds(2);
    }
    CoalitionSolver solver = new CoalitionSolver(options);
    // warm-up: natives and JIT
    TradingDay warm = TestDays.random(1, 5, 24);
    solver.solve(
        ClearingRequest.costMinimising(
            warm, TestDays.everyone(warm), PoolPricing.prices(PricingRule.MID_MARKET, warm)));
    boolean full = flags.contains("--clear");
    for (String arg : args) {
      if (arg.startsWith("--")) {
        continue;
      }
      int n = Integer.parseInt(arg);
      TradingDay day = TestDays.random(42, n, 24);
      double[] prices = PoolPricing.prices(PricingRule.MID_MARKET, day);
      long start = System.nanoTime();
      long cpu =
          ((com.sun.management.OperatingSystemMXBean)
                  java.lang.management.ManagementFactory.getOperatingSystemMXBean())
              .getProcessCpuTime();
      ClearingResult result =
          solver.solve(ClearingRequest.costMinimising(day, TestDays.everyone(day), prices));
      double seconds = (System.nanoTime() - start) / 1e9;
      SolverReport r = result.report();
      System.out.printf(
          Locale.ROOT,
          "cpu %.2f s%n",
          (((com.sun.management.OperatingSystemMXBean)
                          java.lang.management.ManagementFactory.getOperatingSystemMXBean())
                      .getProcessCpuTime()
                  - cpu)
              / 1e9);
      System.out.printf(
          Locale.ROOT,
          "n=%5d cost-minimising: %s build %.2f s, solve %.2f s, total %.2f s, milp %s (%d binaries), cost %.2f EUR%n",
          n,
          r.status(),
          r.buildSeconds(),
          r.solveSeconds(),
          seconds,
          r.milpUsed(),
          r.binaryCount(),
          result.totalCostEur());
      if (full) {
        EquitySettings equity =
            new EquitySettings(
                Map.of("LOW", 1.5, "MIDDLE", 1.0, "HIGH", 0.7), 0.0, Set.of(), 0.5, 2.0);
        start = System.nanoTime();
        ClearedDay cleared = new MarketClearing(solver).clear(day, equity, PricingRule.MID_MARKET);
        seconds = (System.nanoTime() - start) / 1e9;
        SolverReport d = cleared.dispatch().report();
        System.out.printf(
            Locale.ROOT,
            "n=%5d clear (standalone + cost-min + weighted): %.2f s; weighted %s solve %.2f s, milp %s (%d binaries), gap %.2g%n",
            n,
            seconds,
            d.status(),
            d.solveSeconds(),
            d.milpUsed(),
            d.binaryCount(),
            d.relativeGap());
      }
    }
  }
}
