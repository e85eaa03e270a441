package org.equigrid.agents.coordinator;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The market's answer for a day.
 *
 * @param poolPriceEurPerKwh {@code p[t]}
 * @param byHousehold outcome per household id, in the day's household order
 */
public record DayOutcome(double[] poolPriceEurPerKwh, Map<String, HouseholdOutcome> byHousehold) {

  public DayOutcome {
    poolPriceEurPerKwh = poolPriceEurPerKwh.clone();
    byHousehold = Collections.unmodifiableMap(new LinkedHashMap<>(byHousehold));
  }
}
