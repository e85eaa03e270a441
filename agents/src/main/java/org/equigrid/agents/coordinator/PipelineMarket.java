package org.equigrid.agents.coordinator;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.random.RandomGenerator;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.equigrid.agents.protocol.Message;
import org.equigrid.agents.protocol.ReceiptCheck;
import org.equigrid.config.Scenario;
import org.equigrid.market.clearing.ClearedDay;
import org.equigrid.market.clearing.ClearingRequest;
import org.equigrid.market.clearing.ClearingResult;
import org.equigrid.market.clearing.HouseholdSchedule;
import org.equigrid.market.clearing.PoolPricing;
import org.equigrid.market.day.AbsentHouseholds;
import org.equigrid.market.day.DayPipeline;
import org.equigrid.market.day.DayRandomness;
import org.equigrid.market.day.SettledDay;
import org.equigrid.market.equity.DayEquityCalculator;
import org.equigrid.market.metrics.DayMetricsCalculator;
import org.equigrid.market.model.EquitySettings;
import org.equigrid.market.model.Household;
import org.equigrid.market.model.TradingDay;
import org.equigrid.market.settlement.SettlementOptions;

/**
 * The real market behind the coordinator: each day of bidders goes through {@link DayPipeline}
 * (clearing, metrics, settlement, equity, explanations) with the scenario's equity settings,
 * pricing rule and trading flag, and with the randomness the in-process runner uses (the run's
 * {@code L64X128MixRandom} generator seeded with the scenario seed, split once per day in day
 * order). So when every household bids truthfully the outcome is the in-process one.
 *
 * <p>Households of the scenario that did not bid (missing, late, refused, unreachable) are
 * standalone for the day: they are not in the pool, and each is cleared alone on its true profile
 * (the scenario's) with its battery's state of charge carried from its last day. For the results,
 * {@link #settledDays(int)} merges the pool and the standalone households into one day of the whole
 * community: their schedules side by side, the community's cost is the pool's plus each absent
 * household's standalone cost {@code C0_i}, their share is 0 and their bill {@code C0_i}. A day on
 * which nobody bid is the whole community standalone.
 */
public final class PipelineMarket implements DayMarket {

  private static final Logger LOG = LogManager.getLogger();

  private final Scenario scenario;
  private final DayPipeline pipeline;
  private final DayMetricsCalculator metrics;
  private final DayEquityCalculator equity;
  private final DayRandomness random;
  private final Map<Integer, SettledDay> settled = new TreeMap<>();
  private final Map<Integer, double[]> socAtStart = new TreeMap<>();
  private final Map<Integer, ClearingResult> references = new TreeMap<>();
  private final double[] socKwh;
  private int nextDay;

  private final boolean settles;
  private Timings lastTimings;
  private final boolean adaptive;
  private EquitySettings equitySettings;

  /**
   * @param settlementOptions how days are settled; null clears and measures without a settlement
   *     (every share 0, every bill the standalone cost), for benchmarks of the protocol and
   *     clearing
   */
  public PipelineMarket(Scenario scenario, SettlementOptions settlementOptions) {
    this(scenario, settlementOptions, false);
  }

  /**
   * @param adaptiveWeights true: the market reports each day's {@link #equityMetrics} and takes the
   *     next day's weights from {@link #useWeights} (from the equity learner); false: the
   *     scenario's static weights every day
   */
  public PipelineMarket(
      Scenario scenario, SettlementOptions settlementOptions, boolean adaptiveWeights) {
    this.scenario = scenario;
    this.adaptive = adaptiveWeights;
    this.equitySettings = scenario.equity();
    this.settles = settlementOptions != null;
    this.pipeline =
        new DayPipeline(
            scenario.solverOptions(),
            (settles ? settlementOptions : SettlementOptions.defaults())
                .withSettlement(scenario.settlement()));
    this.metrics = new DayMetricsCalculator(scenario.solverOptions().epsilonEur());
    this.equity = new DayEquityCalculator(scenario.solverOptions().epsilonEur());
    this.random = new DayRandomness(scenario.seed());
    this.socKwh = scenario.initialSocKwh();
  }

  @Override
  public synchronized DayOutcome settle(TradingDay dayOfBidders) {
    int d = dayOfBidders.dayIndex();
    fillStandaloneDaysBefore(d);
    socAtStart.put(d, socKwh.clone());
    SettledDay pool = run(dayOfBidders, randomOf(d));
    record(d, pool);
    return MarketMessages.outcome(pool);
  }

  /**
   * Clears the net profiles like {@link #settle}; the bidders' batteries, absent from the day, end
   * it at their state of charge at the start plus what their own schedules stored (within bounds).
   */
  @Override
  public synchronized DayOutcome settleNetProfiles(
      TradingDay netProfiles, Map<String, Double> storedKwhByHousehold) {
    int d = netProfiles.dayIndex();
    fillStandaloneDaysBefore(d);
    double[] start = socKwh.clone();
    socAtStart.put(d, start);
    SettledDay pool = run(netProfiles, randomOf(d));
    record(d, pool);
    for (int k = 0; k < socKwh.length; k++) {
      Household h = scenario.households().get(k);
      Double stored = storedKwhByHousehold.get(h.id());
      if (h.hasBattery() && stored != null) {
        socKwh[k] =
            Math.min(h.battery().socMaxKwh(), Math.max(h.battery().socMinKwh(), start[k] + stored));
      }
    }
    return MarketMessages.outcome(pool);
  }

  /**
   * The reference of a settled day: the central cost-minimising optimum (weights 1, {@code ρ = 0},
   * peak charge included) of the whole community on its true profiles, with the states of charge it
   * started that day with — the lowest cost any dispatch of that day can reach, so a decentralised
   * day's cost is compared with it. Empty for a day not settled through this market or a scenario
   * without trading. Solved once per day on first use. The day under way (every earlier day
   * settled, this one not yet) has it too, from the states of charge it will be settled from (the
   * live view draws the gap while the day's rounds come in).
   */
  public synchronized Optional<ClearingResult> centralOptimum(int day) {
    double[] start =
        socAtStart.containsKey(day) ? socAtStart.get(day) : day == nextDay ? socKwh.clone() : null;
    if (start == null || !scenario.trading()) {
      return Optional.empty();
    }
    return Optional.of(
        references.computeIfAbsent(
            day,
            d -> {
              TradingDay truth = scenario.day(d, start);
              int[] everyone = new int[truth.householdCount()];
              for (int i = 0; i < everyone.length; i++) {
                everyone[i] = i;
              }
              double[] prices = PoolPricing.prices(scenario.pricingRule(), truth);
              return pipeline
                  .clearing()
                  .solver()
                  .solve(ClearingRequest.costMinimising(truth, everyone, prices));
            }));
  }

  /**
   * The day's equity as {@link org.equigrid.agents.learning.equity.DayOutcome#of} reads it (the one
   * reading the in-process adaptive run uses), with the weights of the scenario's groups.
   */
  @Override
  public synchronized Optional<Message.EquityMetrics> equityMetrics(
      int day, long deadlineVirtualSeconds) {
    SettledDay record = settled.get(day);
    if (!adaptive || record == null) {
      return Optional.empty();
    }
    return Optional.of(MarketMessages.equityMetrics(record, scenario, day, deadlineVirtualSeconds));
  }

  @Override
  public synchronized void useWeights(Message.NextWeights weights) {
    if (!adaptive) {
      throw new UnsupportedOperationException(
          "this market has static weights; construct it with adaptiveWeights");
    }
    Optional<String> problem =
        ReceiptCheck.nextWeights(
            weights,
            nextDay,
            scenario.groupShares().keySet(),
            equitySettings.minWeight(),
            equitySettings.maxWeight());
    if (problem.isPresent()) {
      throw new IllegalArgumentException(problem.get());
    }
    equitySettings = scenario.equity().withWeights(weights.weights());
    LOG.debug("day {}: weights {}", weights.day(), equitySettings.weightByGroup());
  }

  /** The equity settings the next day is cleared with. */
  public synchronized EquitySettings equitySettings() {
    return equitySettings;
  }

  /**
   * The results of days {@code 0..days-1} over the whole community, in order; a day that was never
   * settled (nobody bid) is the whole community standalone.
   */
  public synchronized List<SettledDay> settledDays(int days) {
    fillStandaloneDaysBefore(days);
    List<SettledDay> result = new ArrayList<>(days);
    for (int d = 0; d < days; d++) {
      SettledDay day = settled.get(d);
      if (day == null) {
        throw new IllegalStateException(
            "day " + d + " was taken (take) and dropped; its results are no longer here");
      }
      result.add(day);
    }
    return result;
  }

  /**
   * Day {@code day} over the whole community, settled standalone first if nobody bid, then dropped
   * from this market, and the central optima of the days before it with it, so that a long run's
   * memory does not grow with the days ({@link #settledDays} then no longer covers it). The states
   * of charge each day started with stay (one number per household and day), so {@link
   * #centralOptimum} can still solve a dropped day again.
   */
  public synchronized SettledDay take(int day) {
    fillStandaloneDaysBefore(day + 1);
    SettledDay result = settled.remove(day);
    if (result == null) {
      throw new IllegalStateException("day " + day + " was already taken");
    }
    references.keySet().removeIf(d -> d < day);
    return result;
  }

  private SettledDay run(TradingDay day, RandomGenerator rng) {
    // DayPipeline.run, in its two steps so that each is timed.
    long start = System.nanoTime();
    ClearedDay cleared =
        scenario.trading()
            ? pipeline.clearing().clear(day, equitySettings, scenario.pricingRule())
            : pipeline.clearing().clearStandalone(day, scenario.pricingRule());
    long clearedAt = System.nanoTime();
    SettledDay result = pipeline.settle(cleared, settles && scenario.trading(), rng);
    lastTimings =
        new Timings(
            day.householdCount(),
            (clearedAt - start) / 1e9,
            seconds(cleared.costMinimising()),
            cleared.dispatch() == cleared.costMinimising() ? 0 : seconds(cleared.dispatch()),
            (System.nanoTime() - clearedAt) / 1e9);
    LOG.debug("day {}: {}", day.dayIndex(), lastTimings);
    return result;
  }

  private static double seconds(ClearingResult r) {
    return r.report().buildSeconds() + r.report().solveSeconds();
  }

  /**
   * Wall time of the market's last call, for benchmarks.
   *
   * @param households households cleared
   * @param clearingSeconds the whole clearing: standalone problems, cost-minimising and equity
   *     dispatch
   * @param costMinimisingSeconds building and solving the cost-minimising problem
   * @param dispatchSeconds building and solving the equity-weighted dispatch (0 when neutral)
   * @param settlementSeconds metrics, settlement, equity metrics and explanations
   */
  public record Timings(
      int households,
      double clearingSeconds,
      double costMinimisingSeconds,
      double dispatchSeconds,
      double settlementSeconds) {}

  /**
   * The timings of the last day cleared through {@link #settle} or {@link #settleNetProfiles}, or
   * null.
   */
  public synchronized Timings lastTimings() {
    return lastTimings;
  }

  private RandomGenerator randomOf(int day) {
    return random.forDay(day);
  }

  private void fillStandaloneDaysBefore(int day) {
    while (nextDay < day) {
      LOG.debug("day {}: nobody bid, the whole community is standalone", nextDay);
      TradingDay alone = scenario.day(nextDay, socKwh);
      SettledDay record =
          pipeline.run(alone, equitySettings, scenario.pricingRule(), false, randomOf(nextDay));
      store(nextDay, AbsentHouseholds.withAbsentSentences(record, record.explanations()));
    }
  }

  private void record(int d, SettledDay pool) {
    List<Household> bidders = pool.cleared().day().households();
    Map<String, Integer> bidderIndex = new HashMap<>();
    for (int i = 0; i < bidders.size(); i++) {
      bidderIndex.put(bidders.get(i).id(), i);
    }
    List<Household> community = scenario.households();
    if (bidders.size() == community.size()
        && community.stream().allMatch(h -> bidderIndex.containsKey(h.id()))) {
      store(d, pool);
      return;
    }
    TradingDay truth = scenario.day(d, socKwh);
    List<Integer> absent = new ArrayList<>();
    for (int k = 0; k < community.size(); k++) {
      if (!bidderIndex.containsKey(community.get(k).id())) {
        absent.add(k);
      }
    }
    TradingDay absentDay = AbsentHouseholds.subDay(truth, absent);
    SettledDay alone =
        pipeline.run(absentDay, equitySettings, scenario.pricingRule(), false, randomOf(d));
    LOG.debug("day {}: {} households standalone besides the pool", d, absent.size());
    store(d, AbsentHouseholds.merge(truth, pool, bidderIndex, alone, metrics, equity));
  }

  private void store(int d, SettledDay record) {
    settled.put(d, record);
    TradingDay day = record.cleared().day();
    List<HouseholdSchedule> schedules = record.cleared().dispatch().schedules();
    Map<String, Integer> index = new HashMap<>();
    for (int i = 0; i < day.householdCount(); i++) {
      index.put(day.households().get(i).id(), i);
    }
    for (int k = 0; k < socKwh.length; k++) {
      Household h = scenario.households().get(k);
      Integer i = index.get(h.id());
      if (h.hasBattery() && i != null && !schedules.isEmpty()) {
        double[] path = schedules.get(i).socKwh();
        socKwh[k] =
            Math.min(
                h.battery().socMaxKwh(), Math.max(h.battery().socMinKwh(), path[path.length - 1]));
      }
    }
    nextDay = Math.max(nextDay, d + 1);
  }
}
