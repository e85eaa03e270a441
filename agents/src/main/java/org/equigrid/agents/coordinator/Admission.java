package org.equigrid.agents.coordinator;

import java.util.Optional;
import java.util.function.Function;
import org.equigrid.agents.protocol.Message.JoinRequest;
import org.equigrid.agents.protocol.ReceiptCheck;

/**
 * Who may join the coordinator's market.
 *
 * @param scenarioSha256 the fingerprint every join must show (hex SHA-256 of the effective scenario
 *     and seed), or null to check none
 * @param roster the REFUSE reason for a join that is not one of the expected households as they are
 *     (unknown id, another group, other assets), or empty to admit it
 * @param expected the households expected each day: one that has not joined when a day starts is
 *     reported standalone for it ({@link CoordinatorAgent#NOT_JOINED}); empty for none
 */
public record Admission(
    String scenarioSha256,
    Function<JoinRequest, Optional<String>> roster,
    java.util.Set<String> expected) {

  public Admission {
    java.util.Objects.requireNonNull(roster, "roster");
    expected = java.util.Set.copyOf(expected);
  }

  /**
   * Why {@code join} is not admitted, or empty: it shows another scenario fingerprint than {@code
   * scenarioSha256} (when one is checked), fails the value checks ({@link ReceiptCheck#join}), or
   * the roster refuses it; the first reason found.
   *
   * @param shownSha256 the fingerprint the join shows, or null
   */
  public Optional<String> problem(JoinRequest join, String shownSha256) {
    if (scenarioSha256 != null && !scenarioSha256.equals(shownSha256)) {
      return Optional.of(
          CoordinatorAgent.OTHER_SCENARIO
              + ": fingerprint "
              + (shownSha256 == null
                  ? "(none)"
                  : shownSha256.substring(0, Math.min(12, shownSha256.length())))
              + ", the main's "
              + scenarioSha256.substring(0, 12)
              + ". Maybe the joiner read another scenario file, --set, --seed or --days.");
    }
    return ReceiptCheck.join(join).or(() -> roster.apply(join));
  }

  /** Admits any valid join (tests, hand-built communities). */
  public static Admission anyone() {
    return new Admission(null, join -> Optional.empty(), java.util.Set.of());
  }
}
