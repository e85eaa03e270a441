package org.equigrid.market.clearing;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.equigrid.market.model.EquitySettings;
import org.equigrid.market.model.TradingDay;

/**
 * Clears a whole community day: standalone optima, the cost-minimising and the equity dispatch.
 *
 * <p>Never throws for solver trouble. A community solve without a solution is replaced by every
 * household standalone for the day (the report keeps the failure status and reason, with {@value
 * #STANDALONE_SUFFIX} appended). If some household has no standalone solution either, the
 * replacement has no schedules and NaN totals. Households without a standalone solution are not
 * protected by the Rawlsian floor (their {@code C0} is unknown).
 */
public final class MarketClearing {

  private static final Logger LOG = LogManager.getLogger();

  /** Appended to the reason of a community solve replaced by standalone schedules. */
  public static final String STANDALONE_SUFFIX = "; every household standalone for the day";

  /**
   * From this many households on, {@link #clear} solves the cost-minimising and the weighted
   * problem concurrently (if it has more than one thread); smaller days one after the other. The
   * results are the same either way (independent solves).
   */
  static final int CONCURRENT_MIN_HOUSEHOLDS = 200;

  private final CoalitionSolver solver;
  private final int threads;

  /**
   * Solves standalone problems on up to {@code availableProcessors} threads, and large days' two
   * community problems concurrently.
   */
  public MarketClearing(CoalitionSolver solver) {
    this(solver, Runtime.getRuntime().availableProcessors());
  }

  /** Solves standalone problems on up to {@code threads} threads (1 = sequential). */
  public MarketClearing(CoalitionSolver solver, int threads) {
    if (threads < 1) {
      throw new IllegalArgumentException(
          "threads (" + threads + ") must be >= 1. Maybe you meant 1?");
    }
    this.solver = solver;
    this.threads = threads;
  }

  public ClearedDay clear(TradingDay day, EquitySettings equity, PricingRule pricingRule) {
    long start = System.nanoTime();
    double[] prices = PoolPricing.prices(pricingRule, day);
    List<ClearingResult> standalone = solveStandalone(day, prices);
    int n = day.householdCount();
    int[] everyone = new int[n];
    for (int i = 0; i < n; i++) {
      everyone[i] = i;
    }
    ClearingRequest costRequest = ClearingRequest.costMinimising(day, everyone, prices);
    ClearingResult costMinimising;
    ClearingResult dispatch;
    if (!isNonNeutral(day, equity)) {
      costMinimising = orStandalone(solver.solveDispatch(costRequest), day, standalone);
      dispatch = costMinimising;
    } else if (threads > 1 && n >= CONCURRENT_MIN_HOUSEHOLDS) {
      // Independent solves: the cost-minimising one on its own thread, the weighted one here.
      CompletableFuture<ClearingResult> costFuture = new CompletableFuture<>();
      Thread costThread =
          new Thread(
              () -> {
                try {
                  costFuture.complete(solver.solveDispatch(costRequest));
                } catch (RuntimeException | Error e) {
                  costFuture.completeExceptionally(e);
                }
              },
              "equigrid-cost-minimising");
      costThread.setDaemon(true);
      costThread.start();
      dispatch =
          orStandalone(
              solver.solveDispatch(dispatchRequest(day, equity, prices, standalone)),
              day,
              standalone);
      costMinimising = orStandalone(join(costFuture), day, standalone);
    } else {
      costMinimising = orStandalone(solver.solveDispatch(costRequest), day, standalone);
      dispatch =
          orStandalone(
              solver.solveDispatch(dispatchRequest(day, equity, prices, standalone)),
              day,
              standalone);
    }
    LOG.debug(
        "day {} cleared ({}, {} households): cost-minimising {} EUR, dispatch {} EUR, {} s",
        day.dayIndex(),
        pricingRule,
        n,
        costMinimising.totalCostEur(),
        dispatch.totalCostEur(),
        (System.nanoTime() - start) / 1e9);
    return new ClearedDay(day, equity, pricingRule, prices, standalone, costMinimising, dispatch);
  }

  private static ClearingResult join(CompletableFuture<ClearingResult> future) {
    try {
      return future.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while solving the cost-minimising problem", e);
    } catch (ExecutionException e) {
      throw new IllegalStateException(
          "the cost-minimising solve failed: " + e.getCause(), e.getCause());
    }
  }

  /**
   * The same day under other equity settings: solves only the equity-weighted dispatch and reuses
   * the pool prices, the standalone optima and the cost-minimising dispatch of {@code base} (none
   * of which depends on the weights). Neutral settings return the cost-minimising dispatch.
   */
  public ClearedDay reweigh(ClearedDay base, EquitySettings equity) {
    TradingDay day = base.day();
    ClearingResult dispatch = base.costMinimising();
    if (isNonNeutral(day, equity)) {
      dispatch =
          orStandalone(
              solver.solveDispatch(
                  dispatchRequest(day, equity, base.poolPriceEurPerKwh(), base.standalone())),
              day,
              base.standalone());
    }
    return new ClearedDay(
        day,
        equity,
        base.pricingRule(),
        base.poolPriceEurPerKwh(),
        base.standalone(),
        base.costMinimising(),
        dispatch);
  }

  /**
   * A day without trading: every household optimises alone. The community result sums the
   * standalone schedules; its peak is the physical {@code max_t Σ imp / Δt}, while its peak charge
   * is what the households really pay, each for its own peak, so its total cost is {@code Σ C0_i}.
   */
  public ClearedDay clearStandalone(TradingDay day, PricingRule pricingRule) {
    double[] prices = PoolPricing.prices(pricingRule, day);
    List<ClearingResult> standalone = solveStandalone(day, prices);
    SolverReport trading =
        new SolverReport(
            SolveStatus.OPTIMAL,
            Double.NaN,
            Double.NaN,
            0.0,
            0.0,
            0.0,
            false,
            0,
            "no trading: every household alone");
    ClearingResult alone = standaloneComposite(trading, prices, day, standalone);
    if (alone.schedules().isEmpty() && !standalone.isEmpty()) {
      SolverReport failed =
          new SolverReport(
              SolveStatus.ERROR,
              Double.NaN,
              Double.NaN,
              Double.NaN,
              0.0,
              0.0,
              false,
              0,
              alone.report().reason());
      alone =
          new ClearingResult(
              failed,
              prices,
              List.of(),
              alone.peakKw(),
              alone.gridCostEur(),
              alone.peakChargeEur(),
              Double.NaN);
    }
    return new ClearedDay(
        day, EquitySettings.neutral(), pricingRule, prices, standalone, alone, alone);
  }

  /** The request that produced (or would produce) the equity dispatch of a cleared day. */
  public ClearingRequest dispatchRequest(ClearedDay cleared) {
    return dispatchRequest(
        cleared.day(), cleared.equity(), cleared.poolPriceEurPerKwh(), cleared.standalone());
  }

  private static ClearingRequest dispatchRequest(
      TradingDay day, EquitySettings equity, double[] prices, List<ClearingResult> standalone) {
    int n = day.householdCount();
    int[] everyone = new int[n];
    double[] weights = new double[n];
    boolean[] protectedMember = new boolean[n];
    double[] standaloneCost = new double[n];
    for (int i = 0; i < n; i++) {
      everyone[i] = i;
      String group = day.households().get(i).group();
      weights[i] = equity.weightOf(group);
      standaloneCost[i] = standalone.get(i).totalCostEur();
      protectedMember[i] = equity.isProtected(group) && Double.isFinite(standaloneCost[i]);
    }
    double rho = equity.rawlsianStrengthEur();
    return new ClearingRequest(
        day, everyone, weights, rho, protectedMember, rho > 0 ? standaloneCost : null, prices);
  }

  public CoalitionSolver solver() {
    return solver;
  }

  /** Any weight of the day's groups differs from 1, or {@code ρ > 0}. */
  static boolean isNonNeutral(TradingDay day, EquitySettings equity) {
    if (equity.rawlsianStrengthEur() > 0) {
      return true;
    }
    return day.households().stream().anyMatch(h -> equity.weightOf(h.group()) != 1.0);
  }

  private List<ClearingResult> solveStandalone(TradingDay day, double[] prices) {
    int n = day.householdCount();
    int poolSize = Math.min(threads, Math.max(n, 1));
    if (poolSize <= 1) {
      List<ClearingResult> results = new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        results.add(solver.solve(ClearingRequest.costMinimising(day, new int[] {i}, prices)));
      }
      return List.copyOf(results);
    }
    ExecutorService pool =
        Executors.newFixedThreadPool(
            poolSize,
            runnable -> {
              Thread thread = new Thread(runnable, "equigrid-standalone");
              thread.setDaemon(true);
              return thread;
            });
    try {
      List<Future<ClearingResult>> futures = new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        int[] alone = {i};
        futures.add(
            pool.submit(() -> solver.solve(ClearingRequest.costMinimising(day, alone, prices))));
      }
      List<ClearingResult> results = new ArrayList<>(n);
      for (Future<ClearingResult> future : futures) {
        results.add(future.get());
      }
      return List.copyOf(results);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while solving standalone problems", e);
    } catch (ExecutionException e) {
      throw new IllegalStateException("a standalone solve failed: " + e.getCause(), e.getCause());
    } finally {
      pool.shutdownNow();
    }
  }

  /** The result itself if it has a solution, else every household standalone for the day. */
  static ClearingResult orStandalone(
      ClearingResult result, TradingDay day, List<ClearingResult> standalone) {
    SolverReport failure = result.report();
    if (failure.status().hasSolution()) {
      return result;
    }
    SolverReport report =
        new SolverReport(
            failure.status(),
            failure.objectiveEur(),
            failure.lpBoundEur(),
            failure.relativeGap(),
            failure.buildSeconds(),
            failure.solveSeconds(),
            failure.milpUsed(),
            failure.binaryCount(),
            failure.reason() + STANDALONE_SUFFIX);
    LOG.debug("community solve without solution ({}): {}", failure.status(), report.reason());
    return standaloneComposite(report, result.poolPriceEurPerKwh(), day, standalone);
  }

  /**
   * Every household alone, as one community result: schedules of the standalone optima, energy
   * costs summed, the physical peak {@code max_t Σ imp / Δt}, and as peak charge what the
   * households pay alone, each for its own peak (so the total cost is {@code Σ C0_i}).
   */
  private static ClearingResult standaloneComposite(
      SolverReport report, double[] prices, TradingDay day, List<ClearingResult> standalone) {
    String reason = report.reason();
    List<HouseholdSchedule> schedules = new ArrayList<>(standalone.size());
    double gridCost = 0;
    double peakCharge = 0;
    double[] importPerInterval = new double[day.intervals()];
    for (int i = 0; i < standalone.size(); i++) {
      ClearingResult alone = standalone.get(i);
      if (!alone.report().status().hasSolution()) {
        reason +=
            "; household "
                + day.households().get(i).id()
                + " has no standalone dispatch either ("
                + alone.report().reason()
                + ")";
        schedules = List.of();
        gridCost = Double.NaN;
        peakCharge = Double.NaN;
        break;
      }
      HouseholdSchedule schedule = alone.schedules().get(0);
      schedules.add(schedule);
      gridCost += schedule.energyCostEur();
      peakCharge += alone.peakChargeEur();
      for (int t = 0; t < importPerInterval.length; t++) {
        importPerInterval[t] += schedule.importKwh()[t];
      }
    }
    double peakKw = Double.NaN;
    if (!schedules.isEmpty() || standalone.isEmpty()) {
      peakKw = 0;
      for (double kwh : importPerInterval) {
        peakKw = Math.max(peakKw, kwh / day.intervalHours());
      }
    }
    SolverReport withReason = report.withReason(reason);
    return new ClearingResult(
        withReason, prices, List.copyOf(schedules), peakKw, gridCost, peakCharge, Double.NaN);
  }
}
