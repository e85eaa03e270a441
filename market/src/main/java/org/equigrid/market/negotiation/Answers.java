package org.equigrid.market.negotiation;

import java.util.Optional;

/**
 * Checks a household's answer at receipt: the kind its signal asks for, the day's length, finite
 * values (a schedule's flexible load only where it sends one).
 */
public final class Answers {

  /** The start of the reason when an answer is of another kind than its signal asks for. */
  public static final String WRONG_KIND = "The answer is of the wrong kind";

  /** The start of the reason when an answer has a wrong length or a non-finite or negative flow. */
  public static final String BAD_VALUES = "The answer has unusable values";

  private Answers() {}

  /**
   * Why {@code answer} cannot be used for {@code signal} over {@code intervals} intervals, or
   * empty.
   */
  public static Optional<String> problem(Signal signal, Answer answer, int intervals) {
    if (answer == null) {
      return Optional.of(WRONG_KIND + ": none");
    }
    boolean wantsNet = signal instanceof Signal.PoolPrices;
    if (wantsNet != (answer instanceof Answer.NetProfile)) {
      return Optional.of(
          WRONG_KIND
              + ": a "
              + answer.getClass().getSimpleName()
              + " to "
              + signal.getClass().getSimpleName()
              + ". Maybe the household runs another mechanism.");
    }
    if (answer instanceof Answer.NetProfile net) {
      return check("netKwh", net.netKwh(), intervals, false)
          .or(() -> check("chargeKwh", net.chargeKwh(), intervals, true))
          .or(() -> check("dischargeKwh", net.dischargeKwh(), intervals, true));
    }
    Answer.Schedule s = (Answer.Schedule) answer;
    return check("importKwh", s.importKwh(), intervals, true)
        .or(() -> check("exportKwh", s.exportKwh(), intervals, true))
        .or(() -> check("buyKwh", s.buyKwh(), intervals, true))
        .or(() -> check("sellKwh", s.sellKwh(), intervals, true))
        .or(() -> check("curtailKwh", s.curtailKwh(), intervals, true))
        .or(() -> check("chargeKwh", s.chargeKwh(), intervals, true))
        .or(() -> check("dischargeKwh", s.dischargeKwh(), intervals, true))
        .or(() -> check("socKwh", s.socKwh(), intervals, true))
        .or(
            () ->
                s.flexKwh() == null
                    ? Optional.empty()
                    : check("flexKwh", s.flexKwh(), intervals, true))
        .or(() -> starts(s.applianceStarts(), intervals));
  }

  private static Optional<String> starts(int[] starts, int intervals) {
    for (int a = 0; starts != null && a < starts.length; a++) {
      if (starts[a] < 0 || starts[a] >= intervals) {
        return Optional.of(
            BAD_VALUES
                + ": applianceStarts["
                + a
                + "] ("
                + starts[a]
                + ") must be an interval in 0.."
                + (intervals - 1));
      }
    }
    return Optional.empty();
  }

  /**
   * Why {@code values} is not one finite value per interval (each at least -1e-6 when {@code
   * nonNegative}: solver round-off), or empty; the reason starts with {@link #BAD_VALUES}.
   */
  public static Optional<String> check(
      String field, double[] values, int intervals, boolean nonNegative) {
    if (values == null || values.length != intervals) {
      return Optional.of(
          BAD_VALUES
              + ": "
              + field
              + " has "
              + (values == null ? "no" : values.length)
              + " values, expected "
              + intervals);
    }
    for (int t = 0; t < intervals; t++) {
      // Solver round-off leaves flows of -1e-12; anything clearly negative is refused.
      if (!Double.isFinite(values[t]) || nonNegative && values[t] < -1e-6) {
        return Optional.of(
            BAD_VALUES
                + ": "
                + field
                + "["
                + t
                + "] ("
                + values[t]
                + ") must be finite"
                + (nonNegative ? " and >= 0" : ""));
      }
    }
    return Optional.empty();
  }
}
