package org.equigrid.market.clearing.engine;

import org.equigrid.market.clearing.ClearingModel;

/**
 * The tie-break stage's schedule ({@link TieBreak}) and what its reason says.
 *
 * @param values per member of the request
 * @param rule the rule that chose it
 * @param why why the canonical rules did not apply ("" where they did, or where none was due)
 * @param milpBinaries integer binaries of the last MILP of the MILP stage (0 where it did not run)
 * @param reprovedGap the gap the re-proof proved ({@link TieBreakMilp#reprove}; NaN where none ran)
 * @param reproof the re-proof's note ("" where none ran)
 */
record TieBreakOutcome(
    ClearingModel.RawSolution values,
    TieBreak.Rule rule,
    String why,
    int milpBinaries,
    double reprovedGap,
    String reproof) {

  TieBreakOutcome(
      ClearingModel.RawSolution values, TieBreak.Rule rule, String why, int milpBinaries) {
    this(values, rule, why, milpBinaries, Double.NaN, "");
  }

  /** Whether the tie-break re-proved the answer's objective ({@link TieBreakMilp#reprove}). */
  boolean reproved() {
    return !reproof.isEmpty();
  }

  TieBreakOutcome withValues(ClearingModel.RawSolution replaced) {
    return new TieBreakOutcome(replaced, rule, why, milpBinaries, reprovedGap, reproof);
  }

  TieBreakOutcome reproved(double gap, String note) {
    return new TieBreakOutcome(values, rule, why, milpBinaries, gap, note);
  }

  /** This outcome with {@code more} added to why the canonical rules did not apply. */
  TieBreakOutcome because(String more) {
    String joined = why.isEmpty() ? more : why + "; " + more;
    return new TieBreakOutcome(values, rule, joined, milpBinaries, reprovedGap, reproof);
  }

  /** Whether some battery pairs took the answer's directions: {@link TieBreak#VERTEX_NOTE}. */
  boolean answerDirections() {
    return rule == TieBreak.Rule.ANSWER_DIRECTIONS;
  }

  /** What the solver's reason says about the tie-break (which rule chose the split, and why). */
  String note() {
    String note = why.isEmpty() ? rule.note : rule.note + " (" + why + ")";
    return reproof.isEmpty() ? note : reproof + "; " + note;
  }
}
