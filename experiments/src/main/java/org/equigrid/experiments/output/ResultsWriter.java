package org.equigrid.experiments.output;

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
import org.equigrid.market.clearing.HouseholdSchedule;
import org.equigrid.market.day.SettledDay;
import org.equigrid.market.equity.DayEquity;
import org.equigrid.market.explain.Explanation;
import org.equigrid.market.metrics.GroupDayMetrics;
import org.equigrid.market.metrics.HouseholdDayMetrics;
import org.equigrid.market.model.TradingDay;
import org.equigrid.market.settlement.DaySettlement;

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
    return acc.json(version, scenario);
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
