package org.equigrid.experiments.reproduce;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.math3.distribution.TDistribution;
import org.equigrid.experiments.output.Numbers;
import org.equigrid.experiments.output.ResultsWriter;

/**
 * Does adaptation help? S6 (adaptive weights) against S5 (static weights) on the same days, in
 * blocks spread over the year: per block the mean of each day index, and over all days the paired
 * mean difference S6 − S5 with a 95 % t interval. Written as {@code reproduce-adaptation.csv} and a
 * Markdown section of {@code reproduce.md}.
 */
public final class AdaptationTable {

  /** The day indices compared, as in {@code summary.json} {@code dayResults[]}; all minimised. */
  static final List<String[]> INDICES =
      List.of(
          new String[] {"equity.largestEnergyBurden", "largest burden", "% of income", "100", "2"},
          new String[] {
            "equity.leastAdvantagedMeanEnergyBurden",
            "least-advantaged mean burden",
            "% of income",
            "100",
            "3"
          },
          new String[] {
            "equity.giniEnergyBurdenNetPayers", "Gini of burden (net payers)", "", "1", "3"
          },
          new String[] {"equity.giniEnergyBurden", "Gini of burden (all households)", "", "1", "3"},
          new String[] {"priceOfFairness", "price of fairness", "% of gain", "100", "2"});

  /**
   * One block of consecutive days run under S5 and S6.
   *
   * @param startDayOfYear day of year of the block's first day
   * @param s5Folder S5's run folder, relative to the reproduce folder
   * @param s6Folder S6's run folder
   * @param s5 S5's day values, {@code values[day][index]} in the order of {@link #INDICES} (NaN
   *     where undefined), or null
   * @param s6 the same for S6, or null when it did not run
   */
  public record Block(
      int startDayOfYear, String s5Folder, String s6Folder, double[][] s5, double[][] s6) {
    boolean present() {
      return s5 != null && s6 != null && s5.length == s6.length;
    }
  }

  /**
   * A paired comparison over days.
   *
   * @param days days where both are defined
   * @param meanDifference mean of S6 − S5
   * @param low lower end of the 95 % t interval (NaN with fewer than 2 days)
   * @param high upper end
   */
  record Paired(int days, double meanDifference, double low, double high) {}

  private static final CSVFormat CSV = CSVFormat.DEFAULT.builder().setRecordSeparator('\n').get();

  private final List<Block> blocks;

  public AdaptationTable(List<Block> blocks) {
    this.blocks = List.copyOf(blocks);
  }

  /** The day values of a run's {@code summary.json}; null when it is missing. */
  public static double[][] read(Path dir) {
    Path file = dir.resolve(ResultsWriter.SUMMARY_JSON);
    if (!Files.isRegularFile(file)) {
      return null;
    }
    try {
      JsonNode days = new ObjectMapper().readTree(file.toFile()).path("dayResults");
      double[][] values = new double[days.size()][INDICES.size()];
      for (int d = 0; d < days.size(); d++) {
        for (int k = 0; k < INDICES.size(); k++) {
          JsonNode node = days.get(d);
          for (String part : INDICES.get(k)[0].split("\\.")) {
            node = node.path(part);
          }
          values[d][k] = node.isNumber() ? node.asDouble() : Double.NaN;
        }
      }
      return values;
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  /** Mean of index k over a block's days where both runs define it; NaN when none. */
  static double mean(double[][] values, double[][] other, int k) {
    double sum = 0;
    int n = 0;
    for (int d = 0; d < values.length; d++) {
      if (!Double.isNaN(values[d][k]) && !Double.isNaN(other[d][k])) {
        sum += values[d][k];
        n++;
      }
    }
    return n == 0 ? Double.NaN : sum / n;
  }

  /** S6 − S5 of index k over every day of every present block where both are defined. */
  Paired paired(int k) {
    List<Double> differences = new ArrayList<>();
    for (Block block : blocks) {
      if (block.present()) {
        for (int d = 0; d < block.s5().length; d++) {
          double a = block.s5()[d][k];
          double b = block.s6()[d][k];
          if (!Double.isNaN(a) && !Double.isNaN(b)) {
            differences.add(b - a);
          }
        }
      }
    }
    int n = differences.size();
    if (n == 0) {
      return new Paired(0, Double.NaN, Double.NaN, Double.NaN);
    }
    double mean = differences.stream().mapToDouble(Double::doubleValue).sum() / n;
    if (n < 2) {
      return new Paired(n, mean, Double.NaN, Double.NaN);
    }
    double ss = 0;
    for (double x : differences) {
      ss += (x - mean) * (x - mean);
    }
    double half =
        new TDistribution(n - 1).inverseCumulativeProbability(0.975) * Math.sqrt(ss / (n - 1) / n);
    return new Paired(n, mean, mean - half, mean + half);
  }

  private boolean any() {
    return blocks.stream().anyMatch(Block::present);
  }

  /**
   * {@code reproduce-adaptation.csv}: one row per block and index, then the paired rows (block
   * {@code all}).
   */
  public String csv() {
    StringWriter out = new StringWriter();
    try (CSVPrinter printer = new CSVPrinter(out, CSV)) {
      printer.printRecord(
          "block",
          "startDayOfYear",
          "days",
          "index",
          "s5Mean",
          "s6Mean",
          "meanDifference",
          "low95",
          "high95");
      for (Block block : blocks) {
        if (!block.present()) {
          continue;
        }
        for (int k = 0; k < INDICES.size(); k++) {
          double a = mean(block.s5(), block.s6(), k);
          double b = mean(block.s6(), block.s5(), k);
          printer.printRecord(
              "day " + block.startDayOfYear(),
              block.startDayOfYear(),
              block.s5().length,
              INDICES.get(k)[0],
              cell(a),
              cell(b),
              cell(b - a),
              "",
              "");
        }
      }
      for (int k = 0; k < INDICES.size(); k++) {
        Paired p = paired(k);
        printer.printRecord(
            "all",
            "",
            p.days(),
            INDICES.get(k)[0],
            "",
            "",
            cell(p.meanDifference()),
            cell(p.low()),
            cell(p.high()));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString();
  }

  /** The Markdown section: per-block means, paired differences and the reading. */
  public String markdown() {
    StringBuilder md = new StringBuilder("## Adaptation: S6 against S5 over the year\n\n");
    if (!any()) {
      return md.append(
              "S6 did not run (no policy for this community, or not asked), so adaptation is not tested here.\n")
          .toString();
    }
    md.append(
        "S5 (static weights) and S6 (weights from the learned policy, each day from the day before) on the same "
            + "days: blocks of consecutive days starting at the days of year below; values are means over the block's days "
            + "where both are defined (S5 / S6; the price of fairness is the mean of the day values, not the ratio of sums of the "
            + "first table). Also in `reproduce-adaptation.csv` (fractions).\n\n| block | days |");
    for (String[] index : INDICES) {
      md.append(' ')
          .append(index[1])
          .append(index[2].isEmpty() ? "" : " (" + index[2] + ")")
          .append(" S5 / S6 |");
    }
    md.append("\n|---|---:|");
    INDICES.forEach(i -> md.append("---:|"));
    md.append('\n');
    for (Block block : blocks) {
      if (!block.present()) {
        md.append("| day ")
            .append(block.startDayOfYear())
            .append(" | n/a |")
            .append(" n/a |".repeat(INDICES.size()))
            .append('\n');
        continue;
      }
      md.append("| day ")
          .append(block.startDayOfYear())
          .append(" (`")
          .append(block.s6Folder())
          .append("`) | ")
          .append(block.s5().length)
          .append(" |");
      for (int k = 0; k < INDICES.size(); k++) {
        double scale = Double.parseDouble(INDICES.get(k)[3]);
        int decimals = Integer.parseInt(INDICES.get(k)[4]);
        md.append(' ')
            .append(RuleTable.show(mean(block.s5(), block.s6(), k) * scale, decimals))
            .append(" / ")
            .append(RuleTable.show(mean(block.s6(), block.s5(), k) * scale, decimals))
            .append(" |");
      }
      md.append('\n');
    }
    md.append("| all days: S6 − S5 [95 % CI] | |");
    for (int k = 0; k < INDICES.size(); k++) {
      Paired p = paired(k);
      double scale = Double.parseDouble(INDICES.get(k)[3]);
      int decimals = Integer.parseInt(INDICES.get(k)[4]);
      md.append(' ')
          .append(RuleTable.show(p.meanDifference() * scale, decimals))
          .append(" [")
          .append(RuleTable.show(p.low() * scale, decimals))
          .append(", ")
          .append(RuleTable.show(p.high() * scale, decimals))
          .append("] (")
          .append(p.days())
          .append(" d) |");
    }
    md.append("\n\n### Reading (adaptation)\n\n").append(reading()).append('\n');
    return md.toString();
  }

  /** Whether adaptation helps, index by index, from the paired intervals. */
  String reading() {
    if (!any()) {
      return "S6 did not run.";
    }
    List<String> better = new ArrayList<>();
    List<String> worse = new ArrayList<>();
    List<String> same = new ArrayList<>();
    List<String> parts = new ArrayList<>();
    boolean identical = true;
    for (int k = 0; k < INDICES.size(); k++) {
      Paired p = paired(k);
      String name = INDICES.get(k)[1];
      double scale = Double.parseDouble(INDICES.get(k)[3]);
      int decimals = Integer.parseInt(INDICES.get(k)[4]) + 1;
      identical &=
          p.days() == 0
              || (Math.abs(p.meanDifference()) < 1e-9 && Math.abs(p.high() - p.low()) < 1e-9);
      String unit = scale == 100 ? " pp" : "";
      parts.add(
          name
              + " "
              + RuleTable.show(p.meanDifference() * scale, decimals)
              + unit
              + " ["
              + RuleTable.show(p.low() * scale, decimals)
              + ", "
              + RuleTable.show(p.high() * scale, decimals)
              + "]");
      if (p.high() < 0) {
        better.add(name);
      } else if (p.low() > 0) {
        worse.add(name);
      } else {
        same.add(name);
      }
    }
    int days = blocks.stream().filter(Block::present).mapToInt(b -> b.s5().length).sum();
    StringBuilder text =
        new StringBuilder("Over ")
            .append(days)
            .append(" days in ")
            .append(blocks.stream().filter(Block::present).count())
            .append(" blocks, S6 − S5 (mean, 95 % paired t interval): ")
            .append(String.join("; ", parts))
            .append(". ");
    if (identical) {
      return text.append(
              "S6 gives exactly S5's results: the policy's weights equal the static ones on these days, so "
                  + "**adaptation does not help here** (nor hurt).")
          .toString();
    }
    boolean burdenBetter = better.stream().anyMatch(n -> !n.equals("price of fairness"));
    boolean burdenWorse = worse.stream().anyMatch(n -> !n.equals("price of fairness"));
    if (burdenBetter && !burdenWorse) {
      text.append("**Adaptation helps**: lower ")
          .append(String.join("; ", better))
          .append(" with the interval excluding zero");
    } else if (burdenWorse && !burdenBetter) {
      text.append("**Adaptation does not help; it hurts**: higher ")
          .append(String.join("; ", worse))
          .append(" with the interval excluding zero");
    } else if (burdenBetter) {
      text.append("**Adaptation trades one index for another**: lower ")
          .append(String.join("; ", better))
          .append(" but higher ")
          .append(String.join("; ", worse));
    } else {
      text.append(
          "**Adaptation does not detectably help**: no burden index differs with an interval excluding zero");
    }
    text.append(
            worse.contains("price of fairness")
                ? ", at a higher price of fairness"
                : better.contains("price of fairness") ? ", at a lower price of fairness" : "")
        .append(
            ". Under the market rule the bills follow the dispatch, so what "
                + "the learned weights do to the dispatch is what households pay; the learner's own multi-seed held-out "
                + "evaluation is `equigrid evaluate`.");
    return text.toString();
  }

  private static String cell(double value) {
    return Double.isNaN(value) ? "" : Numbers.format(value);
  }
}
