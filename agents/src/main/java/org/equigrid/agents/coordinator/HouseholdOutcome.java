package org.equigrid.agents.coordinator;

import java.util.Objects;
import org.equigrid.agents.protocol.Message.Schedule;

/**
 * What the market decided for one household on one day.
 *
 * @param householdId the household
 * @param schedule its dispatch per interval
 * @param energyCostEur {@code C_i}
 * @param standaloneCostEur {@code C0_i}
 * @param shareEur its share of the cooperative gain {@code φ_i}
 * @param billEur {@code B_i = C0_i − φ_i}
 * @param explanation a sentence the household can read
 */
public record HouseholdOutcome(
    String householdId,
    Schedule schedule,
    double energyCostEur,
    double standaloneCostEur,
    double shareEur,
    double billEur,
    String explanation) {

  public HouseholdOutcome {
    Objects.requireNonNull(householdId, "householdId");
    Objects.requireNonNull(schedule, "schedule");
    Objects.requireNonNull(explanation, "explanation");
  }
}
