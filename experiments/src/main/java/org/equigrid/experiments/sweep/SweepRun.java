package org.equigrid.experiments.sweep;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One run of a sweep.
 *
 * @param id folder name and first column of {@code sweep.csv}, e.g. {@code run-003-seed1}
 * @param parameters the swept values of this run by dotted path, in the sweep's column order
 * @param overrides every override applied to the base scenario (fixed ones, swept ones, seed, days)
 */
public record SweepRun(String id, Map<String, String> parameters, Map<String, String> overrides) {
  public SweepRun {
    Objects.requireNonNull(id, "id");
    parameters = Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
    overrides = Collections.unmodifiableMap(new LinkedHashMap<>(overrides));
  }
}
