package org.equigrid.agents.coordinator;

import java.util.Objects;
import org.equigrid.market.model.Tariff;

/**
 * What the coordinator announces for a day.
 *
 * @param dayOfYear 1..366
 * @param intervalHours {@code Δt}
 * @param tariff the grid tariff of the day
 */
public record DayTerms(int dayOfYear, double intervalHours, Tariff tariff) {

  public DayTerms {
    Objects.requireNonNull(tariff, "tariff");
    if (dayOfYear < 1 || dayOfYear > 366 || !(intervalHours > 0)) {
      throw new IllegalArgumentException(
          "need dayOfYear ("
              + dayOfYear
              + ") in 1..366 and intervalHours ("
              + intervalHours
              + ") > 0");
    }
  }
}
