package org.equigrid.agents.coordinator;

import java.util.Optional;
import java.util.function.Function;
import org.equigrid.agents.protocol.Message.JoinRequest;

/**
 * Who may join the coordinator's market.
 *
 * @param scenarioSha256 the fingerprint every join must show (hex SHA-256 of the effective scenario
 *     and seed), or null to check none
 * @param roster the REFUSE reason for a join that is not one of the expected households as they
 *     are (unknown id, another group, other assets), or empty to admit it
 */
public record Admission(String scenarioSha256, Function<JoinRequest, Optional<String>> roster) {

  public Admission {
    java.util.Objects.requireNonNull(roster, "roster");
  }

  /** Admits any valid join (tests, hand-built communities). */
  public static Admission anyone() {
    return new Admission(null, join -> Optional.empty());
  }
}
