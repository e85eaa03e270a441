package org.equigrid.agents.protocol;

/**
 * What a household shows when it joins: the run key it signs the join with and the fingerprint of
 * the scenario it read (hex SHA-256; null when the run checks none).
 */
public record JoinCredentials(MessageAuth.Key runKey, String scenarioSha256) {
  public JoinCredentials {
    java.util.Objects.requireNonNull(runKey, "runKey");
  }
}
