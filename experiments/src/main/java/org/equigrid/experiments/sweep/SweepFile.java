package org.equigrid.experiments.sweep;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import org.equigrid.config.Suggestions;

/**
 * A sweep file: a base scenario and the overrides to vary (a {@code grid} whose cartesian product
 * is run, or an explicit list of {@code runs}), times {@code seeds}. Format (YAML):
 *
 * <pre>
 * base: s5-p2p-static-equity      # scenario name or path (relative to this file)   required
 * description: one sentence       # optional
 * days: 1                         # horizon.days of every run                        optional
 * seeds: [1, 2]                   # one run per seed; default: the base scenario's seed
 * set: {community.generate.households: 12}   # overrides common to every run        optional
 * grid:                           # exactly one of grid or runs
 *   equity.rawlsianStrengthEur: [0, 2, 5]
 *   equity.weights: [{LOW: 1, MIDDLE: 1, HIGH: 1}, {LOW: 1.4, MIDDLE: 1, HIGH: 0.6}]
 * runs:
 *   - {market.pricing: mid-market}
 *   - {market.pricing: supply-demand-ratio}
 * pareto: [communityCostEur, meanGiniEnergyBurden]   # minimised; writes pareto.csv   optional
 * </pre>
 *
 * <p>Besides scenario fields, {@code set}, {@code grid} and {@code runs} take the bidding-strategy
 * keys {@code strategy}, {@code strategy.households} and {@code strategy.share} ({@link
 * Deviation}).
 *
 * @param file the sweep file
 * @param name the file's name without {@code .yaml}; default output folder {@code
 *     runs/sweep-<name>}
 * @param description free text
 * @param base the base scenario file
 * @param days trading days of every run, or {@code null} for the scenario's own
 * @param seeds seeds, or empty for the base scenario's seed
 * @param fixed overrides applied to every run
 * @param parameters the swept dotted paths, in column order
 * @param points one map of swept values per parameter point
 * @param pareto metrics of {@code sweep.csv} to minimise jointly, or empty for no Pareto front
 */
public record SweepFile(
    Path file,
    String name,
    String description,
    Path base,
    Integer days,
    List<Long> seeds,
    Map<String, String> fixed,
    List<String> parameters,
    List<Map<String, String>> points,
    List<String> pareto) {

  static final List<String> KEYS =
      List.of("base", "description", "days", "seeds", "set", "grid", "runs", "pareto");

  public SweepFile {
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(base, "base");
    seeds = List.copyOf(seeds);
    fixed = Collections.unmodifiableMap(new LinkedHashMap<>(fixed));
    parameters = List.copyOf(parameters);
    points = points.stream().map(p -> Collections.unmodifiableMap(new LinkedHashMap<>(p))).toList();
    pareto = List.copyOf(pareto);
  }

  /**
   * Reads and checks a sweep file. {@code scenarioResolver} turns a {@code base} that is not a file
   * next to the sweep into a path (e.g. a shipped scenario by name).
   */
  public static SweepFile read(Path file, Function<String, Path> scenarioResolver)
      throws SweepException {
    return SweepFileReader.read(file, scenarioResolver);
  }

  /**
   * Whether the sweep sets or varies a bidding strategy (then sweep.csv has the deviators'
   * columns).
   */
  public boolean strategic() {
    return fixed.keySet().stream().anyMatch(Deviation::isKey)
        || parameters.stream().anyMatch(Deviation::isKey);
  }

  /** The runs: every point times every seed, ids {@code run-NNN-seedS}. */
  public List<SweepRun> runs(long baseSeed) {
    List<Long> runSeeds = seeds.isEmpty() ? List.of(baseSeed) : seeds;
    List<SweepRun> runs = new ArrayList<>();
    int width = Math.max(3, Integer.toString(points.size()).length());
    for (int p = 0; p < points.size(); p++) {
      for (long seed : runSeeds) {
        Map<String, String> overrides = new LinkedHashMap<>(fixed);
        overrides.putAll(points.get(p));
        overrides.put("seed", Long.toString(seed));
        if (days != null) {
          overrides.put("horizon.days", Integer.toString(days));
        }
        String id = String.format(Locale.ROOT, "run-%0" + width + "d-seed%d", p + 1, seed);
        runs.add(new SweepRun(id, points.get(p), overrides));
      }
    }
    return runs;
  }

  /**
   * {@code ". Maybe you meant X?"} for the candidate closest to {@code value} (within an edit
   * distance of 3, else the longest one it starts with, e.g. {@code withhold} for {@code
   * withhold-flexibility}), or the empty text.
   */
  static String nearest(String value, List<String> candidates) {
    String best = closest(value, candidates);
    return best != null ? ". Maybe you meant " + best + "?" : "";
  }

  /** The candidate {@link #nearest} suggests, or null. */
  static String closest(String value, List<String> candidates) {
    String lower = value.toLowerCase(Locale.ROOT);
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    for (String known : candidates) {
      int d = Suggestions.distance(lower, known.toLowerCase(Locale.ROOT));
      if (d < bestDistance) {
        bestDistance = d;
        best = known;
      }
    }
    if (bestDistance > 3) {
      best = null;
      for (String known : candidates) {
        if (lower.startsWith(known.toLowerCase(Locale.ROOT))
            && (best == null || known.length() > best.length())) {
          best = known;
        }
      }
    }
    return best;
  }
}
