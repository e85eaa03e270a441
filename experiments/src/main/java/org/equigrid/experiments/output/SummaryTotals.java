package org.equigrid.experiments.output;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.equigrid.config.Scenario;
import org.equigrid.market.clearing.ClearingResult;
import org.equigrid.market.clearing.MilpEffort;
import org.equigrid.market.clearing.SolverOptions;
import org.equigrid.market.clearing.SolverReport;
import org.equigrid.market.day.DayPipeline;
import org.equigrid.market.day.SettledDay;
import org.equigrid.market.equity.DayEquity;
import org.equigrid.market.metrics.CommunityDayMetrics;
import org.equigrid.market.metrics.DayMetrics;
import org.equigrid.market.metrics.Index;
import org.equigrid.market.metrics.PriceOfFairness;
import org.equigrid.market.metrics.UndefinedReasons;
import org.equigrid.market.settlement.DaySettlement;
import org.equigrid.market.settlement.SettlementSettings;

/**
 * What {@code summary.json} needs of a run's days, accumulated day by day in day order: running
 * sums, the day's few community figures and its {@code dayResults} node (a few kB a day whatever
 * the number of households); then the file itself ({@link #json}).
 */
final class SummaryTotals {

  private final ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
  private final ArrayNode dayResults = mapper.createArrayNode();
  private final List<CommunityDayMetrics> communities = new ArrayList<>();
  private final List<DayIndex.Mean> means = new ArrayList<>();
  private int days;
  private long sampledDays;
  private long sampledDaysNotConverged;
  private double worstHalfWidth = Double.NaN;
  private double standalone;
  private double community;
  private double costMinimising;
  private double costMinimisingGain;
  private double priceOfFairnessEur;
  private double load;
  private double imported;
  private double pv;
  private double pvUsed;
  private double peakReductionBaseline;
  private double peakReductionStandalone;
  private int degraded;
  private int priceOfFairnessDays;
  private int approximatedDays;

  SummaryTotals() {
    for (DayIndex index : DayIndex.values()) {
      means.add(new DayIndex.Mean(index));
    }
  }

  int days() {
    return days;
  }

  void add(SettledDay record) {
    days++;
    DaySettlement settlement = record.settlement();
    if (DaySettlement.SAMPLED.equals(settlement.method())) {
      sampledDays++;
      if (!settlement.converged()) {
        sampledDaysNotConverged++;
      }
      double x = settlement.maxHalfWidthShareOfGain();
      if (!Double.isNaN(x)) {
        worstHalfWidth = Double.isNaN(worstHalfWidth) ? x : Math.max(worstHalfWidth, x);
      }
    }
    CommunityDayMetrics c = record.metrics().community();
    communities.add(c);
    standalone += c.standaloneCostEur();
    community += c.communityCostEur();
    costMinimising += c.costMinimisingCostEur();
    costMinimisingGain += c.costMinimisingGainEur();
    priceOfFairnessEur += c.priceOfFairnessEur();
    priceOfFairnessDays += c.priceOfFairness().defined() ? 1 : 0;
    load += c.loadKwh();
    imported += c.importKwh();
    pv += c.pvKwh();
    pvUsed += c.pvKwh() - c.curtailedKwh() - c.exportKwh();
    peakReductionBaseline += c.peakReductionVsBaseline();
    peakReductionStandalone += c.peakReductionVsStandalone();
    degraded += c.degraded() || DayPipeline.undefined(record.cleared()) ? 1 : 0;
    for (DayIndex.Mean mean : means) {
      mean.add(record.metrics().dayIndex(), record.equity());
    }
    approximatedDays +=
        approximated(record.cleared().dispatch()) || approximated(record.cleared().costMinimising())
            ? 1
            : 0;
    dayResults.add(day(mapper, record));
  }

  /** Whether an opt-in approximation stopped or relaxed this clearing (its reason says so). */
  private static boolean approximated(ClearingResult result) {
    return result != null && result.report().reason().startsWith(APPROXIMATION);
  }

  /** How the solver's reason of an answer of an opt-in approximation starts. */
  static final String APPROXIMATION = "approximation (";

  /**
   * The clearing's opt-in approximations in force ({@code clearingApproximations}), each named by
   * its scenario key and value with what it does; empty with the defaults (exact).
   */
  static List<String> approximations(SolverOptions options) {
    List<String> named = new ArrayList<>();
    if (!options.milpEffort().proves()) {
      named.add(
          "solver.milpEffort = "
              + options.milpEffort().spelling()
              + ": SCIP stops after at most "
              + options.milpEffort().maxNodes()
              + " branch-and-bound node(s); a day it stopped is FEASIBLE, its reason starts"
              + " with \""
              + MilpEffort.APPROXIMATION
              + "\" and its gap is against the best bound (at least the LP bound)");
    }
    if (!options.milpWhenBinariesBreak()) {
      named.add(
          "solver.milpWhenBinariesBreak = false: the LP relaxation is the clearing (one-meter"
              + " binaries relaxed); a day whose schedule charges and discharges, or draws and"
              + " gives, at once says so in its reason, its objective the LP bound");
    }
    if (options.decomposes()) {
      named.add(
          "solver.decompositionMinHouseholds = "
              + options.decompositionMinHouseholds()
              + ": price decomposition from that many households, certified gap in the reason");
    }
    if (options.poolIdenticalBatteries()) {
      named.add(
          "solver.poolIdenticalBatteries = true: identical batteries pooled in large"
              + " communities (symmetric schedules), gap against the LP bound in the reason");
    }
    return named;
  }

  private ObjectNode totals(double epsilonEur) {
    ObjectNode totals = mapper.createObjectNode();
    int n = Math.max(1, days);
    Numbers.put(totals, "standaloneCostEur", standalone);
    Numbers.put(totals, "communityCostEur", community);
    Numbers.put(totals, "cooperativeGainEur", standalone - community);
    Numbers.put(totals, "cooperativeGainEurPerDay", (standalone - community) / n);
    Numbers.put(
        totals,
        "cooperativeGainShare",
        standalone > epsilonEur
            ? Index.of((standalone - community) / standalone)
            : Index.undefined(
                String.format(
                    java.util.Locale.ROOT,
                    UndefinedReasons.GAIN_SHARE_UNDEFINED,
                    UndefinedReasons.number(standalone),
                    UndefinedReasons.number(epsilonEur))));
    Numbers.put(totals, "meanPeakReductionVsBaseline", peakReductionBaseline / n);
    Numbers.put(totals, "meanPeakReductionVsStandalone", peakReductionStandalone / n);
    Numbers.put(totals, "solarUtilisation", pv > 0 ? pvUsed / pv : 0);
    Numbers.put(totals, "selfSufficiency", load > 0 ? 1 - imported / load : 0);
    Numbers.put(totals, "costMinimisingCostEur", costMinimising);
    Numbers.put(totals, "costMinimisingGainEur", costMinimisingGain);
    Numbers.put(totals, "priceOfFairnessEur", priceOfFairnessEur);
    Numbers.put(totals, "priceOfFairnessRatioOfSums", PriceOfFairness.ratioOfSums(communities));
    totals.put("priceOfFairnessDefinedDays", priceOfFairnessDays);
    for (DayIndex.Mean mean : means) {
      Numbers.put(totals, mean.key(), mean.value());
    }
    totals.put("degradedDays", degraded);
    return totals;
  }

  /** {@code summary.json} of the days added, written by equigrid {@code version}. */
  String json(String version, Scenario scenario) {
    ObjectNode root = mapper.createObjectNode();
    root.put("equigridVersion", version);
    root.put("scenario", scenario.name());
    root.put("scenarioFile", scenario.sourceFile());
    root.put("seed", scenario.seed());
    root.put("days", days);
    root.put("households", scenario.households().size());
    root.put("trading", scenario.trading());
    root.put("pricingRule", scenario.pricingRule().name());
    root.put("settlementRule", scenario.settlement().rule().fileName());
    if (scenario.settlement().rule() == SettlementSettings.Rule.RAWLSIAN) {
      root.put("rawlsianObjective", scenario.settlement().rawlsianObjective().fileName());
    }
    root.put("settlementTolerance", scenario.settlement().tolerance());
    root.put("settlementMaxOrders", scenario.settlement().maxOrders());
    root.put("settlementExplain", scenario.settlement().explain().fileName());
    root.put("sampledDays", sampledDays);
    root.put("sampledDaysNotConverged", sampledDaysNotConverged);
    Numbers.put(root, "sampledMaxHalfWidthShareOfGain", worstHalfWidth);
    List<String> approximations = approximations(scenario.solverOptions());
    if (!approximations.isEmpty()) { // absent with the defaults: the clearing is exact
      ArrayNode named = root.putArray("clearingApproximations");
      approximations.forEach(named::add);
      root.put("clearingApproximatedDays", approximatedDays);
    }
    root.set("totals", totals(scenario.solverOptions().epsilonEur()));
    root.set("dayResults", dayResults);
    root.put("scenarioYaml", scenario.canonicalYaml());
    try {
      return mapper.writeValueAsString(root) + "\n";
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static ObjectNode day(ObjectMapper mapper, SettledDay record) {
    DayMetrics metrics = record.metrics();
    CommunityDayMetrics c = metrics.community();
    ClearingResult dispatch = record.cleared().dispatch();
    DaySettlement settlement = record.settlement();
    DayEquity equity = record.equity();
    SolverReport report = dispatch.report();
    ObjectNode node = mapper.createObjectNode();
    node.put("day", metrics.dayIndex());
    node.put("dayOfYear", metrics.dayOfYear());
    ObjectNode solver = node.putObject("solver");
    solver.put("status", report.status().name());
    Numbers.put(solver, "objectiveEur", report.objectiveEur());
    Numbers.put(solver, "lpBoundEur", report.lpBoundEur());
    Numbers.put(solver, "gap", report.relativeGap());
    solver.put("milpUsed", report.milpUsed());
    solver.put("reason", report.reason());
    Numbers.put(node, "loadKwh", c.loadKwh());
    Numbers.put(node, "pvKwh", c.pvKwh());
    Numbers.put(node, "importKwh", c.importKwh());
    Numbers.put(node, "exportKwh", c.exportKwh());
    Numbers.put(node, "poolTradedKwh", c.poolTradedKwh());
    Numbers.put(node, "baselinePeakKw", c.baselinePeakKw());
    Numbers.put(node, "standalonePeakKw", c.standalonePeakKw());
    Numbers.put(node, "peakKw", c.peakKw());
    Numbers.put(node, "peakReductionVsBaseline", c.peakReductionVsBaseline());
    Numbers.put(node, "peakReductionVsStandalone", c.peakReductionVsStandalone());
    Numbers.put(node, "solarUtilisation", c.solarUtilisation());
    Numbers.put(node, "selfSufficiency", c.selfSufficiency());
    Numbers.put(node, "standaloneCostEur", c.standaloneCostEur());
    Numbers.put(node, "communityCostEur", c.communityCostEur());
    Numbers.put(node, "cooperativeGainEur", c.cooperativeGainEur());
    Numbers.put(node, "cooperativeGainShare", c.cooperativeGainShare());
    Numbers.put(node, "costMinimisingCostEur", c.costMinimisingCostEur());
    Numbers.put(node, "costMinimisingGainEur", c.costMinimisingGainEur());
    Numbers.put(node, "priceOfFairnessEur", c.priceOfFairnessEur());
    Numbers.put(node, "priceOfFairness", c.priceOfFairness());
    node.put("degraded", c.degraded() || DayPipeline.undefined(record.cleared())); // or not settled
    ObjectNode settled = node.putObject("settlement");
    settled.put("method", settlement.method());
    DaySettlement.RuleOutcome rule = settlement.rule();
    settled.put("rule", rule.rule());
    if (rule.rule().equals(SettlementSettings.Rule.RAWLSIAN.fileName())) {
      settled.put("rawlsianObjective", rule.rawlsianObjective());
      Numbers.put(settled, "rawlsianOptimum", rule.rawlsianOptimum());
      settled.put("coreRows", rule.coreRows());
      settled.put("coreRowsKept", rule.coreRowsKept());
      settled.put("fellBack", rule.fellBack());
      settled.put("note", rule.note());
    }
    Numbers.put(settled, "cooperativeGainEur", settlement.grandValueEur());
    settled.put("orders", settlement.orders());
    settled.put("converged", settlement.converged());
    Numbers.put(settled, "maxHalfWidthEur", settlement.maxHalfWidthEur());
    Numbers.put(settled, "maxHalfWidthShareOfGain", settlement.maxHalfWidthShareOfGain());
    Numbers.put(settled, "toleranceEur", settlement.toleranceEur());
    settled.put("coalitionSolves", settlement.coalitionSolves());
    settled.put("failedSolves", settlement.failedSolves());
    double billTotal = 0;
    for (double bill : settlement.billEur()) {
      billTotal += bill;
    }
    Numbers.put(settled, "billTotalEur", billTotal);
    ObjectNode core = settled.putObject("core");
    core.put("scope", settlement.stability().scope());
    core.put("coalitionsChecked", settlement.stability().coalitionsChecked());
    core.put("inCore", settlement.stability().inCore());
    core.put("mostViolated", settlement.stability().mostViolated());
    Numbers.put(core, "maxExcessEur", settlement.stability().maxExcessEur());
    Numbers.put(core, "leastCoreEpsilonEur", settlement.stability().leastCoreEpsilonEur());
    ObjectNode indices = node.putObject("equity");
    Numbers.put(indices, "giniEnergyBurden", equity.giniEnergyBurden());
    Numbers.put(
        indices, "giniEnergyBurdenBeforeSettlement", equity.giniEnergyBurdenBeforeSettlement());
    Numbers.put(indices, "giniEnergyBurdenNetPayers", equity.giniEnergyBurdenNetPayers());
    Numbers.put(indices, "giniBill", equity.giniBill());
    Numbers.put(indices, "giniShares", equity.giniShares());
    Numbers.put(indices, "giniSavings", equity.giniSavings());
    Numbers.put(indices, "giniRenewableAccess", equity.giniRenewableAccess());
    Numbers.put(indices, "jainEnergyBurden", equity.jainEnergyBurden());
    Numbers.put(indices, "theilEnergyBurden", equity.theilEnergyBurden());
    indices.put("rawlsianPopulation", equity.rawlsianPopulation());
    Numbers.put(
        indices, "rawlsianMinimumBeforeSettlement", equity.rawlsianMinimumBeforeSettlement());
    Numbers.put(indices, "rawlsianMinimumAfterSettlement", equity.rawlsianMinimumAfterSettlement());
    Numbers.put(indices, "largestEnergyBurden", equity.largestEnergyBurden());
    indices.put("largestEnergyBurdenHousehold", equity.largestEnergyBurdenHousehold());
    Numbers.put(indices, "shareEnergyBurdenAbove6Percent", equity.shareEnergyBurdenAbove6Percent());
    Numbers.put(
        indices, "shareEnergyBurdenAbove10Percent", equity.shareEnergyBurdenAbove10Percent());
    Numbers.put(
        indices, "leastAdvantagedMeanEnergyBurden", equity.leastAdvantagedMeanEnergyBurden());
    Numbers.put(indices, "leastAdvantagedMeanBillEur", equity.leastAdvantagedMeanBillEur());
    return node;
  }
}
