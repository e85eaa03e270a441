package org.equigrid.config;

import java.nio.file.Path;

/**
 * Adaptive equity weights ({@code equity.adaptive} in a scenario): a learned policy sets each day's
 * weights from the day before (DESIGN.md section 5).
 *
 * @param policy checkpoint written by {@code equigrid train} (resolved against the scenario file's
 *     folder), or null: no trained policy yet, the run uses the static {@code equity.weights}
 */
public record AdaptiveEquity(Path policy) {

  /** Whether a trained policy is configured. */
  public boolean hasPolicy() {
    return policy != null;
  }
}
