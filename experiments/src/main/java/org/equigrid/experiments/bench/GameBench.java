package org.equigrid.experiments.bench;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.random.RandomGenerator;
import java.util.random.RandomGeneratorFactory;
import org.equigrid.config.Scenario;
import org.equigrid.config.ScenarioReader;
import org.equigrid.market.clearing.ClearedDay;
import org.equigrid.market.clearing.CoalitionSolver;
import org.equigrid.market.clearing.MarketClearing;
import org.equigrid.market.clearing.PricingRule;
import org.equigrid.market.clearing.SolverOptions;
import org.equigrid.market.game.SamplingOptions;
import org.equigrid.market.game.ShapleyValue;
import org.equigrid.market.game.TabularGame;
import org.equigrid.market.model.EquitySettings;
import org.equigrid.market.model.TradingDay;
import org.equigrid.market.settlement.DaySettlement;
import org.equigrid.market.settlement.Settlement;
import org.equigrid.market.settlement.SettlementOptions;
import org.equigrid.market.settlement.TypeApproximation;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code equigrid bench game}: (a) exact Shapley of a random 20-player game, (b) the exact market
 * game of 12 households, (c) the sampled settlement of 100 households to a 2 % half-width, (d) the
 * settlement of 1,000 households by types with its approximation error measured where sampling also
 * runs. Prints goal and measured per case.
 */
@Command(
    name = "game",
    mixinStandardHelpOptions = true,
    description = "Times the settlement game: exact generic, exact market, sampled, and by types.")
public final class GameBench implements Callable<Integer> {

  private static final String RANDOM = "L64X128MixRandom";

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(
      names = "--sizes",
      split = ",",
      paramLabel = "A,B,C,D",
      description = "Players of (a), households of (b), (c), (d); default 20,12,100,1000.")
  List<Integer> sizes = new ArrayList<>(List.of(20, 12, 100, 1000));

  @Option(
      names = "--cases",
      split = ",",
      paramLabel = "a,b,c,d",
      description = "Which cases to run (default all: a,b,c,d).")
  List<String> cases = new ArrayList<>(List.of("a", "b", "c", "d"));

  @Option(names = "--quick", description = "Small sizes and budgets (14,6,20,200; 20 s for (c)).")
  boolean quick;

  @Option(
      names = "--seed",
      description = "Seed of the random games and communities (default ${DEFAULT-VALUE}).")
  long seed = 7;

  @Option(names = "--threads", description = "Threads for coalition LPs (default: all processors).")
  int threads = Runtime.getRuntime().availableProcessors();

  @Option(
      names = "--budget-seconds",
      description = "Time budget of (c) (default ${DEFAULT-VALUE}).")
  double budgetSeconds = 120;

  @Option(
      names = "--types",
      description = "Target household types K of (d) (default ${DEFAULT-VALUE}).")
  int types = 16;

  @Option(
      names = "--compare-households",
      description = "Households where types and sampling are compared (default ${DEFAULT-VALUE}).")
  int compareHouseholds = 30;

  @Option(
      names = "--compare-types",
      description = "Target types at the comparison size (default ${DEFAULT-VALUE}).")
  int compareTypes = 10;

  @Option(
      names = "--scenario",
      paramLabel = "FILE",
      description =
          "Generate (b) from this scenario (households and days overridden) instead of"
              + " the built-in random community.")
  Path scenario;

  private final List<String[]> rows = new ArrayList<>();

  private static final EquitySettings EQUITY =
      new EquitySettings(
          Map.of("LOW", 1.2, "MIDDLE", 1.0, "HIGH", 0.8), 1.0, Set.of("LOW"), 0.5, 2.0);

  @Override
  public Integer call() throws Exception {
    if (quick) {
      sizes = List.of(14, 6, 20, 200);
      budgetSeconds = Math.min(budgetSeconds, 20);
      compareHouseholds = Math.min(compareHouseholds, 20);
    }
    if (sizes.size() != 4) {
      throw new CommandLine.ParameterException(
          spec.commandLine(),
          "--sizes needs four numbers (a,b,c,d), got " + sizes + ". Maybe 20,12,100,1000?");
    }
    PrintWriter out = spec.commandLine().getOut();
    out.printf(
        Locale.ROOT,
        "equigrid bench game: %d processors, %d threads, seed %d%n",
        Runtime.getRuntime().availableProcessors(),
        threads,
        seed);
    out.flush();
    for (String name : cases) {
      if (!List.of("a", "b", "c", "d").contains(name)) {
        throw new CommandLine.ParameterException(
            spec.commandLine(), "--cases takes a, b, c and d, got '" + name + "'. Maybe a,b,c,d?");
      }
    }
    if (cases.contains("a")) {
      generic(sizes.get(0));
      print(out);
    }
    if (cases.contains("b")) {
      market(sizes.get(1));
      print(out);
    }
    if (cases.contains("c")) {
      sampled(sizes.get(2));
      print(out);
    }
    if (cases.contains("d")) {
      types(sizes.get(3));
      print(out);
    }
    out.println();
    out.printf(Locale.ROOT, "%-34s %-10s %-10s %s%n", "case", "goal", "measured", "detail");
    for (String[] row : rows) {
      out.printf(Locale.ROOT, "%-34s %-10s %-10s %s%n", (Object[]) row);
    }
    out.flush();
    return 0;
  }

  private void print(PrintWriter out) {
    String[] row = rows.get(rows.size() - 1);
    out.printf(Locale.ROOT, "%s: %s (goal %s) %s%n", row[0], row[2], row[1], row[3]);
    out.flush();
  }

  private void generic(int n) {
    RandomGenerator rng = RandomGeneratorFactory.of(RANDOM).create(seed);
    double[] values = new double[1 << n];
    for (int mask = 1; mask < values.length; mask++) {
      values[mask] = Integer.bitCount(mask) * (1 + rng.nextDouble());
    }
    TabularGame game = TabularGame.of(n, values);
    double[] weights = new double[n];
    for (int i = 0; i < n; i++) {
      weights[i] = 0.5 + rng.nextDouble();
    }
    long start = System.nanoTime();
    ShapleyValue.shapley(game);
    double plain = seconds(start);
    start = System.nanoTime();
    ShapleyValue.weightedShapley(game, weights);
    double weighted = seconds(start);
    rows.add(
        new String[] {
          "(a) exact generic game, " + n + " players",
          "< 5 s",
          fmt(plain + weighted) + " s",
          String.format(Locale.ROOT, "plain %.2f s, weighted %.2f s", plain, weighted)
        });
  }

  private TradingDay marketDay(int n) throws Exception {
    if (scenario == null) {
      return RandomCommunity.day(seed, n);
    }
    Scenario s =
        ScenarioReader.read(
            scenario,
            Map.of("community.generate.households", Integer.toString(n), "horizon.days", "1"));
    return s.day(0, s.initialSocKwh());
  }

  private void market(int n) throws Exception {
    TradingDay day = marketDay(n);
    CoalitionSolver solver = new CoalitionSolver(SolverOptions.defaults());
    long start = System.nanoTime();
    ClearedDay cleared =
        new MarketClearing(solver, threads).clear(day, EQUITY, PricingRule.MID_MARKET);
    double clearing = seconds(start);
    SettlementOptions options =
        SettlementOptions.defaults()
            .withThreads(threads)
            .withLimits(Math.min(16, n), Math.max(16, n));
    start = System.nanoTime();
    DaySettlement settled = new Settlement(solver, options).settle(cleared, rng(1));
    double settle = seconds(start);
    rows.add(
        new String[] {
          "(b) exact market game, " + n + " households",
          "< 60 s",
          fmt(settle) + " s",
          String.format(
              Locale.ROOT,
              "%s, %d LPs, %.1f LP/s, clearing %.1f s",
              settled.method(),
              settled.coalitionSolves(),
              settled.coalitionSolves() / settle,
              clearing)
        });
  }

  /** Orders of (c)'s longer pilot; the shorter has 4. */
  private static final int PILOT_ORDERS = 64;

  private void sampled(int n) {
    TradingDay day = RandomCommunity.day(seed + 1, n);
    CoalitionSolver solver = new CoalitionSolver(SolverOptions.defaults());
    long start = System.nanoTime();
    ClearedDay cleared =
        new MarketClearing(solver, threads).clear(day, EQUITY, PricingRule.MID_MARKET);
    double clearing = seconds(start);
    SettlementOptions base =
        new SettlementOptions(1, SamplingOptions.fixedOrders(4), 2, threads).withLimits(1, n);
    // Two pilots separate the per-order time from the fixed cost of a settlement (control
    // variate, counterfactual shares, core check), which no longer is small against it.
    start = System.nanoTime();
    new Settlement(solver, base).settle(cleared, rng(2));
    double shortPilot = seconds(start);
    start = System.nanoTime();
    DaySettlement pilot =
        new Settlement(solver, base.withSampling(SamplingOptions.fixedOrders(PILOT_ORDERS)))
            .settle(cleared, rng(2));
    double pilotSeconds = seconds(start);
    double perOrder = Math.max(1e-3, (pilotSeconds - shortPilot) / (pilot.orders() - 4));
    double fixedSeconds = Math.max(0, shortPilot - 4 * perOrder);
    double pilotWidth = relativeHalfWidth(pilot);
    long needed = (long) Math.ceil(pilot.orders() * Math.pow(pilotWidth / 0.02, 2) * 1.2);
    long affordable = (long) Math.floor(0.9 * (budgetSeconds - fixedSeconds) / perOrder);
    long maxOrders = Math.max(8, Math.min(needed, affordable));
    maxOrders += maxOrders % 2;
    SettlementOptions options =
        base.withSampling(new SamplingOptions(0.02, 1e-6, 8, maxOrders, true));
    start = System.nanoTime();
    DaySettlement settled = new Settlement(solver, options).settle(cleared, rng(3));
    double seconds = seconds(start);
    double width = relativeHalfWidth(settled);
    rows.add(
        new String[] {
          "(c) sampled, " + n + " households",
          "< 120 s",
          fmt(seconds) + " s",
          String.format(
              Locale.ROOT,
              "half-width %.1f %% of mean |share| (goal 2 %%, converged %s), %d orders, %d LPs;"
                  + " pilot %d orders %.1f s (%.1f %%; %.2f s per order, %.1f s fixed), clearing %.1f s",
              100 * width,
              settled.converged(),
              settled.orders(),
              settled.coalitionSolves(),
              pilot.orders(),
              pilotSeconds,
              100 * pilotWidth,
              perOrder,
              fixedSeconds,
              clearing)
        });
  }

  private void types(int n) {
    CoalitionSolver solver = new CoalitionSolver(SolverOptions.defaults());
    TradingDay small = RandomCommunity.day(seed + 2, compareHouseholds);
    ClearedDay smallCleared =
        new MarketClearing(solver, threads).clear(small, EQUITY, PricingRule.MID_MARKET);
    SettlementOptions compare =
        SettlementOptions.defaults()
            .withThreads(threads)
            .withTypes(compareTypes, 32)
            .withSampling(new SamplingOptions(0.03, 1e-6, 40, 160, true));
    long start = System.nanoTime();
    TypeApproximation approximation =
        new Settlement(solver, compare).compareTypesWithSampling(smallCleared, rng(4));
    double compareSeconds = seconds(start);

    TradingDay day = RandomCommunity.day(seed + 3, n);
    start = System.nanoTime();
    ClearedDay cleared =
        new MarketClearing(solver, threads).clear(day, EQUITY, PricingRule.MID_MARKET);
    double clearing = seconds(start);
    SettlementOptions options =
        SettlementOptions.defaults()
            .withThreads(threads)
            .withLimits(Math.min(10, n - 1), Math.min(200, n - 1))
            .withTypes(types, 32);
    start = System.nanoTime();
    DaySettlement settled = new Settlement(solver, options).settle(cleared, rng(5));
    double seconds = seconds(start);
    double meanSe = 0;
    double meanAbs = 0;
    for (int i = 0; i < n; i++) {
      meanSe += settled.standardErrorEur()[i] / n;
      meanAbs += Math.abs(settled.shareEur()[i]) / n;
    }
    rows.add(
        new String[] {
          "(d) types, " + n + " households",
          "< 60 s",
          fmt(seconds) + " s",
          String.format(
              Locale.ROOT,
              "%s, K = %d, %d LPs, mean SE %.1f %% of mean |share|, clearing %.1f s; approximation error"
                  + " at %d households (K = %d): %.1f %% of mean |share| (sampled reference noise %.1f %%,"
                  + " %d orders; %.0f s)",
              settled.method(),
              settled.types(),
              settled.coalitionSolves(),
              100 * meanSe / Math.max(meanAbs, 1e-12),
              clearing,
              approximation.households(),
              approximation.typeCount(),
              100 * approximation.relativeError(),
              100 * approximation.samplingNoiseRelative(),
              approximation.sampled().orders(),
              compareSeconds)
        });
  }

  private static double relativeHalfWidth(DaySettlement settled) {
    double meanAbs = 0;
    double max = 0;
    int n = settled.shareEur().length;
    for (int i = 0; i < n; i++) {
      meanAbs += Math.abs(settled.shareEur()[i]) / n;
      max = Math.max(max, 1.959963984540054 * settled.standardErrorEur()[i]);
    }
    return max / Math.max(meanAbs, 1e-12);
  }

  private RandomGenerator rng(long stream) {
    return RandomGeneratorFactory.of(RANDOM).create(seed * 1_000_003L + stream);
  }

  private static double seconds(long start) {
    return (System.nanoTime() - start) / 1e9;
  }

  private static String fmt(double seconds) {
    return String.format(Locale.ROOT, "%.2f", seconds);
  }
}
