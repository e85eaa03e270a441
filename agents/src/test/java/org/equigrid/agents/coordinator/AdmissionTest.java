package org.equigrid.agents.coordinator;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import java.util.Set;
import org.equigrid.agents.protocol.Message.EvSpec;
import org.equigrid.agents.protocol.Message.JoinRequest;
import org.equigrid.agents.protocol.ReceiptCheck;
import org.junit.jupiter.api.Test;

/** Which joins the coordinator admits, checked without an agent platform. */
class AdmissionTest {

  private static final String SHA = "0123456789abcdef0123";
  private static final JoinRequest JOIN =
      new JoinRequest("h1", "CONSUMER", "LOW", 40, 0, null, null, java.util.List.of(), 10, 10);

  @Test
  void problem_fingerprintValuesThenRoster_firstReasonFound() {
    Admission admission =
        new Admission(
            SHA,
            join ->
                join.group().equals("LOW") ? Optional.empty() : Optional.of("not on the roster"),
            Set.of("h1"));
    assertThat(admission.problem(JOIN, SHA)).isEmpty();
    assertThat(admission.problem(JOIN, "fedcba9876543210"))
        .hasValue(
            CoordinatorAgent.OTHER_SCENARIO
                + ": fingerprint fedcba987654, the main's 0123456789ab. Maybe the joiner read"
                + " another scenario file, --set, --seed or --days.");
    assertThat(admission.problem(JOIN, null))
        .hasValueSatisfying(r -> assertThat(r).contains("(none)"));
    JoinRequest high =
        new JoinRequest("h1", "CONSUMER", "HIGH", 40, 0, null, null, java.util.List.of(), 10, 10);
    assertThat(admission.problem(high, SHA)).hasValue("not on the roster");
    JoinRequest bad =
        new JoinRequest("h1", "CONSUMER", "LOW", -1, 0, null, null, java.util.List.of(), 10, 10);
    assertThat(admission.problem(bad, SHA))
        .hasValueSatisfying(r -> assertThat(r).startsWith(ReceiptCheck.BAD_JOIN));
  }

  @Test
  void problem_invalidFlexibleDemand_refusedBeforeTheRoster() {
    JoinRequest badEv =
        new JoinRequest(
            "h1",
            "CONSUMER",
            "LOW",
            40,
            0,
            null,
            new EvSpec(7.0, 0.0, 18, 7),
            java.util.List.of(),
            10,
            10);
    assertThat(
            new Admission(SHA, join -> Optional.of("not on the roster"), Set.of("h1"))
                .problem(badEv, SHA))
        .hasValueSatisfying(
            r -> assertThat(r).startsWith(ReceiptCheck.BAD_JOIN).contains("ev.maxPowerKw (0.0)"));
  }

  @Test
  void anyone_noFingerprintChecked() {
    assertThat(Admission.anyone().problem(JOIN, null)).isEmpty();
  }
}
