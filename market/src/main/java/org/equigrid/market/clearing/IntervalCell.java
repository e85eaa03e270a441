package org.equigrid.market.clearing;

import com.google.ortools.linearsolver.MPVariable;

/**
 * One household's variables in one interval, as {@link DayFormulation}'s rows take them (null where
 * a variable does not exist; such a variable is left out of every row). The builders create the
 * variables, in their own order, and pass them per interval; this record only carries them.
 *
 * @param socBefore {@code soc[t − 1]}, null in the first interval ({@code soc[−1] = soc0})
 * @param flex the flexible load {@code flex[t]} (EV charging and deferrable appliances), or null
 */
record IntervalCell(
    MPVariable imp,
    MPVariable exp,
    MPVariable buy,
    MPVariable sell,
    MPVariable cur,
    MPVariable ch,
    MPVariable dis,
    MPVariable soc,
    MPVariable socBefore,
    MPVariable flex) {

  /** Indices of a household's flows in {@link DayFormulation#flowUpperKwh}, in cell order. */
  static final int IMP = 0;

  static final int EXP = 1;
  static final int BUY = 2;
  static final int SELL = 3;
  static final int CUR = 4;
  static final int CH = 5;
  static final int DIS = 6;
  static final int FLOWS = 7;

  /**
   * Interval {@code t} of one household's variables, each array by interval (null entries where
   * absent; {@code flex} may be null as a whole: no flexible load).
   */
  static IntervalCell at(
      int t,
      MPVariable[] imp,
      MPVariable[] exp,
      MPVariable[] buy,
      MPVariable[] sell,
      MPVariable[] cur,
      MPVariable[] ch,
      MPVariable[] dis,
      MPVariable[] soc,
      MPVariable[] flex) {
    return new IntervalCell(
        imp[t],
        exp[t],
        buy[t],
        sell[t],
        cur[t],
        ch[t],
        dis[t],
        soc[t],
        t > 0 ? soc[t - 1] : null,
        flex == null ? null : flex[t]);
  }
}
