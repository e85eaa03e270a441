package org.equigrid.experiments.sweep;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.equigrid.agents.platform.ScenarioAgents;
import org.equigrid.config.Scenario;
import org.equigrid.market.model.Household;

/**
 * The bidding-strategy dimension of a sweep run: which households deviate from truthful bidding and
 * how. Sweep keys (in {@code set}, {@code grid} or {@code runs}; not scenario fields):
 *
 * <ul>
 *   <li>{@code strategy}: {@code truthful} (default), {@code withhold-flexibility}, {@code
 *       inflate-peak} or {@code noisy-forecast} ({@code ScenarioAgents.STRATEGY_NAMES}), the names
 *       of {@code equigrid run --agents --strategy ID=NAME};
 *   <li>{@code strategy.households}: who deviates: {@code all}, a 1-based range {@code 1-3} (or
 *       {@code 2}) of the households sorted by id (as {@code platform --households}), or a list of
 *       ids {@code [h001, h006]};
 *   <li>{@code strategy.share}: or the first ⌈share · n⌉ households by id, share in (0, 1].
 * </ul>
 *
 * A run with a non-truthful strategy needs exactly one of {@code strategy.households} and {@code
 * strategy.share}.
 *
 * @param strategy the deviators' strategy name, lower case
 * @param households the {@code strategy.households} value, or null
 * @param share the {@code strategy.share} value, or null
 */
record Deviation(String strategy, String households, Double share) {

  static final String STRATEGY = "strategy";
  static final String HOUSEHOLDS = "strategy.households";
  static final String SHARE = "strategy.share";
  static final List<String> KEYS = List.of(STRATEGY, HOUSEHOLDS, SHARE);
  static final String TRUTHFUL = "truthful";

  /** Whether a sweep key belongs to this dimension rather than to the scenario. */
  static boolean isKey(String path) {
    return path.equals(STRATEGY) || path.startsWith(STRATEGY + ".");
  }

  /** The dimension from a run's overrides (truthful when it names no strategy). */
  static Deviation of(Map<String, String> overrides) {
    String share = overrides.get(SHARE);
    return new Deviation(
        overrides.getOrDefault(STRATEGY, TRUTHFUL).toLowerCase(Locale.ROOT),
        overrides.get(HOUSEHOLDS),
        share == null ? null : Double.valueOf(share));
  }

  boolean truthful() {
    return strategy.equals(TRUTHFUL);
  }

  /**
   * A problem with one value of a strategy key, or null when it is fine. {@code field} is where it
   * was written, e.g. {@code grid.strategy}.
   */
  static String check(String field, String key, String value) {
    String at = field + " = " + value + ": ";
    switch (key) {
      case STRATEGY -> {
        if (!ScenarioAgents.STRATEGY_NAMES.contains(value.toLowerCase(Locale.ROOT))) {
          String guess = ScenarioAgents.closestStrategy(value).orElse(null);
          return at
              + "unknown bidding strategy; allowed: "
              + String.join(", ", ScenarioAgents.STRATEGY_NAMES)
              + (guess == null ? "." : ". Maybe you meant " + guess + "?");
        }
        return null;
      }
      case HOUSEHOLDS -> {
        String v = value.trim();
        if (v.equalsIgnoreCase("all")
            || v.matches("\\d+(\\s*-\\s*\\d+)?")
            || v.matches("\\[\\s*[^\\[\\],\\s]+(\\s*,\\s*[^\\[\\],\\s]+)*\\s*]")) {
          return null;
        }
        return at
            + "must be all, a 1-based range of the households sorted by id (1-3, or 2 for one) or a list of"
            + " household ids ([h001, h006]). Maybe you meant 1-2?";
      }
      case SHARE -> {
        double share;
        try {
          share = Double.parseDouble(value);
        } catch (NumberFormatException e) {
          share = Double.NaN;
        }
        if (!(share > 0 && share <= 1)) {
          return at + "must be a fraction of the households in (0, 1], e.g. 0.25";
        }
        return null;
      }
      default -> {
        return field
            + ": unknown strategy key; allowed: "
            + String.join(", ", KEYS)
            + SweepFile.nearest(key, KEYS);
      }
    }
  }

  /**
   * The deviating households of {@code scenario} and their strategy name, sorted by id; empty when
   * truthful.
   *
   * @throws IllegalArgumentException when the households do not fit the scenario or are not given
   */
  Map<String, String> deviators(Scenario scenario) {
    if (truthful()) {
      return Map.of();
    }
    if ((households == null) == (share == null)) {
      throw new IllegalArgumentException(
          households == null
              ? "strategy = "
                  + strategy
                  + " needs "
                  + HOUSEHOLDS
                  + " or "
                  + SHARE
                  + " (who deviates). Maybe you meant "
                  + HOUSEHOLDS
                  + ": 1?"
              : "give one of "
                  + HOUSEHOLDS
                  + " ("
                  + households
                  + ") and "
                  + SHARE
                  + " ("
                  + share
                  + "), not both");
    }
    List<Household> all = scenario.households();
    List<String> ids = new ArrayList<>();
    if (share != null) {
      int count = Math.max(1, (int) Math.ceil(share * all.size() - 1e-9));
      all.subList(0, count).forEach(h -> ids.add(h.id()));
    } else if (households.trim().equalsIgnoreCase("all")) {
      all.forEach(h -> ids.add(h.id()));
    } else if (households.trim().startsWith("[")) {
      String inner = households.trim();
      for (String id : inner.substring(1, inner.length() - 1).split(",")) {
        String trimmed = id.trim();
        if (all.stream().noneMatch(h -> h.id().equals(trimmed))) {
          String guess = SweepFile.nearest(trimmed, all.stream().map(Household::id).toList());
          throw new IllegalArgumentException(
              HOUSEHOLDS
                  + " = "
                  + households
                  + ": no household "
                  + trimmed
                  + " in "
                  + scenario.name()
                  + " ("
                  + all.size()
                  + " households, "
                  + all.get(0).id()
                  + " to "
                  + all.get(all.size() - 1).id()
                  + ")"
                  + (guess.isEmpty() ? "." : guess));
        }
        ids.add(trimmed);
      }
    } else {
      ids.addAll(ScenarioAgents.range(scenario, households));
    }
    Map<String, String> deviators = new TreeMap<>();
    ids.forEach(id -> deviators.put(id, strategy));
    return Collections.unmodifiableMap(deviators);
  }
}
