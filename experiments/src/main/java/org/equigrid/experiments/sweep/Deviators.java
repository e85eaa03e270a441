package org.equigrid.experiments.sweep;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.equigrid.experiments.output.StrategyReport;

/**
 * Who deviated in a finished run and what it paid off, from its {@code strategies.csv} ({@link
 * StrategyReport}); a run without that file had everyone truthful and nobody gained.
 *
 * @param strategy the deviators' strategy as named in the sweep ({@code truthful} for none)
 * @param ids the households whose strategy was not truthful, sorted
 * @param gainEur the deviators' summed {@code gainFromDeviationEur} (bill if everyone were truthful
 *     minus bill under the run, over the run's days; > 0: deviating paid)
 * @param othersGainEur the same sum over the truthful households (what the deviation did to them)
 */
public record Deviators(String strategy, List<String> ids, double gainEur, double othersGainEur) {

  public Deviators {
    ids = List.copyOf(ids);
  }

  /** Reads {@code dir/strategies.csv}; no file: nobody deviated. */
  static Deviators read(Path dir, String strategy) {
    List<String> ids = new ArrayList<>();
    double gain = 0;
    double others = 0;
    for (CSVRecord r : records(dir)) {
      double g = Double.parseDouble(r.get("gainFromDeviationEur"));
      if (r.get("strategy").equals(Deviation.TRUTHFUL)) {
        others += g;
      } else {
        ids.add(r.get("household"));
        gain += g;
      }
    }
    return new Deviators(
        ids.isEmpty() ? Deviation.TRUTHFUL : strategy,
        ids.stream().sorted().toList(),
        gain,
        others);
  }

  /** The rows of {@code dir/strategies.csv}, or none when it is missing or unreadable. */
  static List<CSVRecord> records(Path dir) {
    Path file = dir.resolve(StrategyReport.STRATEGIES_CSV);
    if (!Files.isRegularFile(file)) {
      return List.of();
    }
    try (Reader in = Files.newBufferedReader(file)) {
      return CSVFormat.DEFAULT
          .builder()
          .setHeader()
          .setSkipHeaderRecord(true)
          .get()
          .parse(in)
          .getRecords();
    } catch (IOException | IllegalArgumentException e) {
      return List.of();
    }
  }
}
