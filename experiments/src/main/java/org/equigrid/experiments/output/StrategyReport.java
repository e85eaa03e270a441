package org.equigrid.experiments.output;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.equigrid.experiments.run.RunResult;
import org.equigrid.market.day.SettledDay;
import org.equigrid.market.model.Household;

/**
 * {@code strategies.csv}: who gained or lost by deviating. Per household, its strategy, its bill
 * summed over the run's days, and its bill when everyone bids truthfully (the same scenario and
 * seed run in-process); {@code gainFromDeviationEur = billIfTruthfulEur − billUnderRunEur} (> 0:
 * better off than under truth-telling). Truthful households are listed too: others' deviations move
 * their bills.
 */
public final class StrategyReport {

  public static final String STRATEGIES_CSV = "strategies.csv";

  private static final CSVFormat CSV = CSVFormat.DEFAULT.builder().setRecordSeparator('\n').get();

  private StrategyReport() {}

  /**
   * @param strategyByHousehold the strategy name of each deviating household; others are truthful
   */
  public static void write(
      Path dir, Map<String, String> strategyByHousehold, RunResult run, RunResult truthful) {
    write(dir, strategyByHousehold, bills(run), truthful);
  }

  /**
   * {@link #write(Path, Map, RunResult, RunResult)} from the run's bills summed day by day ({@link
   * #addBills}), for a run that did not keep its days.
   *
   * @param billEurByHousehold each household's bill summed over the run's days
   * @param truthful the same scenario and seed with every household truthful
   */
  public static void write(
      Path dir,
      Map<String, String> strategyByHousehold,
      Map<String, Double> billEurByHousehold,
      RunResult truthful) {
    AtomicFiles.write(
        dir.resolve(STRATEGIES_CSV),
        csv(strategyByHousehold, truthful, billEurByHousehold, bills(truthful)));
  }

  static String csv(Map<String, String> strategyByHousehold, RunResult run, RunResult truthful) {
    return csv(strategyByHousehold, run, bills(run), bills(truthful));
  }

  private static String csv(
      Map<String, String> strategyByHousehold,
      RunResult run,
      Map<String, Double> underRun,
      Map<String, Double> ifTruthful) {
    StringWriter out = new StringWriter();
    try (CSVPrinter printer = new CSVPrinter(out, CSV)) {
      printer.printRecord(
          "household", "strategy", "billUnderRunEur", "billIfTruthfulEur", "gainFromDeviationEur");
      for (Household h : run.scenario().households()) {
        double a = underRun.getOrDefault(h.id(), Double.NaN);
        double b = ifTruthful.getOrDefault(h.id(), Double.NaN);
        printer.printRecord(
            h.id(),
            strategyByHousehold.getOrDefault(h.id(), "truthful"),
            Numbers.format(a),
            Numbers.format(b),
            Numbers.format(b - a));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString();
  }

  private static Map<String, Double> bills(RunResult run) {
    Map<String, Double> bills = new TreeMap<>();
    for (SettledDay day : run.days()) {
      addBills(bills, day);
    }
    return bills;
  }

  /** Adds each household's bill of {@code day} to {@code bills} (days in order). */
  public static void addBills(Map<String, Double> bills, SettledDay day) {
    for (int i = 0; i < day.cleared().day().householdCount(); i++) {
      bills.merge(
          day.cleared().day().households().get(i).id(), day.settlement().billEur()[i], Double::sum);
    }
  }
}
