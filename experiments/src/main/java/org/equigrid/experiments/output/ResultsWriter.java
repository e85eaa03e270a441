package org.equigrid.experiments.output;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.equigrid.agents.protocol.TraceWriter;
import org.equigrid.config.Scenario;
import org.equigrid.experiments.run.RunResult;
import org.equigrid.market.clearing.ClearedDay;
import org.equigrid.market.clearing.ClearingResult;
import org.equigrid.market.clearing.HouseholdSchedule;
import org.equigrid.market.clearing.SolverReport;
import org.equigrid.market.day.DayPipeline;
import org.equigrid.market.day.SettledDay;
import org.equigrid.market.equity.DayEquity;
import org.equigrid.market.explain.Explanation;
import org.equigrid.market.metrics.CommunityDayMetrics;
import org.equigrid.market.metrics.DayMetrics;
import org.equigrid.market.metrics.GroupDayMetrics;
import org.equigrid.market.metrics.HouseholdDayMetrics;
import org.equigrid.market.metrics.Index;
import org.equigrid.market.metrics.PriceOfFairness;
import org.equigrid.market.metrics.UndefinedReasons;
import org.equigrid.market.model.TradingDay;
import org.equigrid.market.settlement.DaySettlement;
import org.equigrid.market.settlement.SettlementSettings;

/**
 * Writes a run's results: {@code households.csv}, {@code intervals.csv}, {@code groups.csv} and
 * {@code summary.json}. Every file is written atomically; nothing in them depends on wall-clock
 * time, so the same scenario and seed give byte-identical files. {@link #write} writes a finished
 * run at once; {@link ResultsStream} writes the same bytes day by day (what {@code equigrid run}
 * does, so that memory does not grow with the days).
 */
public final class ResultsWriter {

  public static final String HOUSEHOLDS_CSV = "households.csv";
  public static final String INTERVALS_CSV = "intervals.csv";
  public static final String GROUPS_CSV = "groups.csv";
  public static final String SUMMARY_JSON = "summary.json";
  public static final String EXPLANATIONS_CSV = "explanations.csv";

  /** The files every run writes, each listed in its {@link Manifest}. */
  public static final List<String> RESULT_FILES =
      List.of(HOUSEHOLDS_CSV, INTERVALS_CSV, GROUPS_CSV, EXPLANATIONS_CSV, SUMMARY_JSON);

  private static final CSVFormat CSV = CSVFormat.DEFAULT.builder().setRecordSeparator('\n').get();

  private final String version;

  public ResultsWriter(String version) {
    this.version = version;
  }

  public void write(RunResult run, Path dir) {
    AtomicFiles.write(dir.resolve(HOUSEHOLDS_CSV), households(run));
    AtomicFiles.write(dir.resolve(INTERVALS_CSV), intervals(run));
    AtomicFiles.write(dir.resolve(GROUPS_CSV), groups(run));
    AtomicFiles.write(dir.resolve(EXPLANATIONS_CSV), explanations(run));
    AtomicFiles.write(dir.resolve(SUMMARY_JSON), summary(run));
    writeManifest(dir);
  }

  /**
   * Writes the folder's {@link Manifest} of the results files present; last, and again after any
   * later change to a results file (e.g. the agents' standalone households added to summary.json).
   */
  public static void writeManifest(Path dir) {
    List<String> files = new ArrayList<>(RESULT_FILES);
    for (String optional : List.of(StrategyReport.STRATEGIES_CSV, TraceWriter.FILE_NAME)) {
      if (java.nio.file.Files.isRegularFile(dir.resolve(optional))) {
        files.add(optional);
      }
    }
    Manifest.write(dir, files); // last: a folder with a verified manifest is a complete run
  }

  static String households(RunResult run) {
    return csv(
        householdsHeader(),
        printer -> {
          for (SettledDay day : run.days()) {
            householdRows(printer, day);
          }
        });
  }

  static List<String> householdsHeader() {
    List<String> header = new ArrayList<>();
    header.add("day");
    for (HouseholdColumn column : HouseholdColumn.values()) {
      header.add(column.header());
    }
    header.addAll(
        List.of(
            "weight",
            "shareEur",
            "shareStandardErrorEur",
            "billEur",
            "energyBurden",
            "relativeSavingsAfterSettlement"));
    return header;
  }

  static void householdRows(CSVPrinter printer, SettledDay day) throws IOException {
    DaySettlement settlement = day.settlement();
    DayEquity equity = day.equity();
    for (HouseholdDayMetrics household : day.metrics().households()) {
      int i = household.householdIndex();
      List<String> row = new ArrayList<>();
      row.add(Integer.toString(day.metrics().dayIndex()));
      for (HouseholdColumn column : HouseholdColumn.values()) {
        row.add(column.valueOf(household));
      }
      row.add(Numbers.format(settlement.weights()[i]));
      row.add(Numbers.format(settlement.shareEur()[i]));
      row.add(Numbers.format(settlement.standardErrorEur()[i]));
      row.add(Numbers.format(settlement.billEur()[i]));
      row.add(Numbers.format(equity.energyBurden()[i]));
      row.add(Numbers.format(equity.relativeSavingsAfterSettlement()[i]));
      printer.printRecord(row);
    }
  }

  static String explanations(RunResult run) {
    return csv(
        explanationsHeader(),
        printer -> {
          for (SettledDay day : run.days()) {
            explanationRows(printer, day);
          }
        });
  }

  static List<String> explanationsHeader() {
    List<String> header =
        new ArrayList<>(
            List.of(
                "day",
                "household",
                "group",
                "standaloneCostEur",
                "shareEur",
                "shareStandardErrorEur",
                "billEur",
                "shareWithoutBatteryEur",
                "shareWithoutPvEur",
                "shareWithNeutralWeightEur"));
    for (String feature : org.equigrid.market.explain.Explainer.FEATURES) {
      header.add("attribution_" + feature + "_Eur");
    }
    header.add("surrogateRSquared");
    header.add("explanation");
    return header;
  }

  static void explanationRows(CSVPrinter printer, SettledDay day) throws IOException {
    for (Explanation e : day.explanations()) {
      List<String> row = new ArrayList<>();
      row.add(Integer.toString(day.metrics().dayIndex()));
      row.add(e.householdId());
      row.add(e.group());
      row.add(Numbers.format(e.standaloneCostEur()));
      row.add(Numbers.format(e.shareEur()));
      row.add(Numbers.format(e.shareStandardErrorEur()));
      row.add(Numbers.format(e.billEur()));
      row.add(Numbers.format(e.shareWithoutBatteryEur()));
      row.add(Numbers.format(e.shareWithoutPvEur()));
      row.add(Numbers.format(e.shareWithNeutralWeightEur()));
      for (double attribution : e.attributionsEur()) {
        row.add(Numbers.format(attribution));
      }
      row.add(Numbers.format(e.surrogateRSquared()));
      row.add(e.sentence());
      printer.printRecord(row);
    }
  }

  static String groups(RunResult run) {
    return csv(
        groupsHeader(),
        printer -> {
          for (SettledDay day : run.days()) {
            groupRows(printer, day);
          }
        });
  }

  static List<String> groupsHeader() {
    return List.of(
        "day",
        "group",
        "households",
        "meanEnergyCostEur",
        "meanDispatchCostEur",
        "meanSavingsEur",
        "meanRenewableAccess",
        "renewableAccessGap",
        "renewableAccessGapUndefinedReason",
        "meanEnergyBurdenBeforeSettlement",
        "energyBurdenGapBeforeSettlement",
        "energyBurdenGapBeforeSettlementUndefinedReason",
        "meanShareEur",
        "meanBillEur",
        "meanEnergyBurden",
        "energyBurdenGap",
        "energyBurdenGapUndefinedReason");
  }

  static void groupRows(CSVPrinter printer, SettledDay day) throws IOException {
    java.util.Map<String, DayEquity.GroupEquity> settled = new java.util.HashMap<>();
    day.equity().groups().forEach(g -> settled.put(g.group(), g));
    for (GroupDayMetrics group : day.metrics().groups()) {
      DayEquity.GroupEquity after = settled.get(group.group());
      printer.printRecord(
          day.metrics().dayIndex(),
          group.group(),
          group.households(),
          Numbers.format(group.meanEnergyCostEur()),
          Numbers.format(group.meanDispatchCostEur()),
          Numbers.format(group.meanSavingsEur()),
          Numbers.format(group.meanRenewableAccess()),
          Numbers.format(group.renewableAccessGap()),
          Numbers.reason(group.renewableAccessGap()),
          Numbers.format(group.meanEnergyBurden()),
          Numbers.format(group.energyBurdenGap()),
          Numbers.reason(group.energyBurdenGap()),
          Numbers.format(after.meanShareEur()),
          Numbers.format(after.meanBillEur()),
          Numbers.format(after.meanEnergyBurden()),
          Numbers.format(after.energyBurdenGap()),
          Numbers.reason(after.energyBurdenGap()));
    }
  }

  static String intervals(RunResult run) {
    return csv(
        intervalsHeader(),
        printer -> {
          for (SettledDay record : run.days()) {
            intervalRows(printer, record);
          }
        });
  }

  static List<String> intervalsHeader() {
    List<String> header = new ArrayList<>();
    for (IntervalColumn column : IntervalColumn.values()) {
      header.add(column.header());
    }
    return header;
  }

  static void intervalRows(CSVPrinter printer, SettledDay record) throws IOException {
    ClearedDay cleared = record.cleared();
    TradingDay day = cleared.day();
    int intervals = day.intervals();
    for (int t = 0; t < intervals; t++) {
      double load = 0;
      double pv = 0;
      double imported = 0;
      double exported = 0;
      double traded = 0;
      double charged = 0;
      double discharged = 0;
      double curtailed = 0;
      double standaloneImport = 0;
      for (int i = 0; i < day.householdCount(); i++) {
        HouseholdSchedule s = cleared.dispatch().schedules().get(i);
        load += s.servedLoadKwh(day.loadKwh()[i][t], t); // with the EV's charging
        pv += day.pvKwh()[i][t];
        imported += s.importKwh()[t];
        exported += s.exportKwh()[t];
        traded += s.buyKwh()[t];
        charged += s.chargeKwh()[t];
        discharged += s.dischargeKwh()[t];
        curtailed += s.curtailKwh()[t];
        standaloneImport += cleared.standalone().get(i).schedules().get(0).importKwh()[t];
      }
      printer.printRecord(
          day.dayIndex(),
          t,
          Numbers.format(t * day.intervalHours()),
          Numbers.format(load),
          Numbers.format(pv),
          Numbers.format(imported),
          Numbers.format(exported),
          Numbers.format(traded),
          Numbers.format(charged),
          Numbers.format(discharged),
          Numbers.format(curtailed),
          Numbers.format(standaloneImport),
          Numbers.format(day.tariff().importPriceEurPerKwh()[t]),
          Numbers.format(day.tariff().exportPriceEurPerKwh()[t]),
          Numbers.format(cleared.poolPriceEurPerKwh()[t]));
    }
  }

  String summary(RunResult run) {
    SummaryTotals totals = new SummaryTotals();
    for (SettledDay day : run.days()) {
      totals.add(day);
    }
    return summary(run.scenario(), totals);
  }

  String summary(Scenario scenario, SummaryTotals acc) {
    ObjectMapper mapper = acc.mapper;
    ObjectNode root = mapper.createObjectNode();
    root.put("equigridVersion", version);
    root.put("scenario", scenario.name());
    root.put("scenarioFile", scenario.sourceFile());
    root.put("seed", scenario.seed());
    root.put("days", acc.days);
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
    root.put("sampledDays", acc.sampledDays);
    root.put("sampledDaysNotConverged", acc.sampledDaysNotConverged);
    Numbers.put(root, "sampledMaxHalfWidthShareOfGain", acc.worstHalfWidth);
    root.set("totals", acc.totals(scenario.solverOptions().epsilonEur()));
    root.set("dayResults", acc.dayResults);
    root.put("scenarioYaml", scenario.canonicalYaml());
    try {
      return mapper.writeValueAsString(root) + "\n";
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * What {@code summary.json} needs of a run's days, accumulated day by day in day order: running
   * sums, the day's few community figures and its {@code dayResults} node (a few kB a day whatever
   * the number of households).
   */
  static final class SummaryTotals {
    private final ObjectMapper mapper =
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
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
      dayResults.add(day(mapper, record));
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

  @FunctionalInterface
  private interface Rows {
    void print(CSVPrinter printer) throws IOException;
  }

  private static String csv(List<String> header, Rows rows) {
    StringWriter out = new StringWriter();
    try (CSVPrinter printer = new CSVPrinter(out, CSV)) {
      printer.printRecord(header);
      rows.print(printer);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString();
  }
}
