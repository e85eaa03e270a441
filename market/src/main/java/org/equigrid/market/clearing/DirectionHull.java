package org.equigrid.market.clearing;

import com.google.ortools.linearsolver.MPConstraint;
import com.google.ortools.linearsolver.MPSolver;
import com.google.ortools.linearsolver.MPVariable;

/**
 * The convex hull of the one-meter disjunction of an integer {@code δ} (DESIGN.md section 2b): a
 * tightening of the relaxation, not a row of the model. The battery flows are split into a drawing
 * part ({@code ch1, dis1 <= P·Δt·δ}) and a giving part ({@code ch0, dis0 <= P·Δt·(1 − δ)}), with
 * {@code imp + buy = (L − G)·δ + ch1 − dis1} and {@code exp + sell + cur = (G − L)·(1 − δ) + dis0 −
 * ch0}, {@code cur <= G·(1 − δ)}. With {@code δ} 0 or 1 these rows say exactly what the big-M rows
 * of {@link DayFormulation#withBattery} say (their sum is the balance row), so the MILP's feasible
 * set is unchanged; its relaxation is tighter (the big-M rows let a fractional {@code δ} import and
 * sell at once without moving the battery), which is what lets SCIP prove the optimum in its node
 * limit. The rows assume a fixed load: {@link MemberBlocks#rows} adds them only where the household
 * has no flexible load.
 */
final class DirectionHull {

  private DirectionHull() {}

  /**
   * Writes the hull of household {@code household}'s {@code δ} in interval {@code t}, through
   * {@code rows} (names, as its rows'), right after its battery rows.
   *
   * @param netLoadKwh {@code L − G}
   * @param powerKwh {@code P·Δt}
   */
  static void write(
      RowWriter rows,
      int household,
      int t,
      IntervalCell x,
      MPVariable delta,
      double netLoadKwh,
      double pvKwh,
      double powerKwh) {
    double inf = MPSolver.infinity();
    MPVariable ch1 = rows.variable(0, powerKwh, "ch1", household, t);
    MPVariable dis1 = rows.variable(0, powerKwh, "dis1", household, t);
    MPVariable ch0 = rows.variable(0, powerKwh, "ch0", household, t);
    MPVariable dis0 = rows.variable(0, powerKwh, "dis0", household, t);
    MPConstraint chSplit = rows.row(0, 0, "hch", household, t);
    chSplit.setCoefficient(ch1, 1);
    chSplit.setCoefficient(ch0, 1);
    chSplit.setCoefficient(x.ch(), -1);
    MPConstraint disSplit = rows.row(0, 0, "hdis", household, t);
    disSplit.setCoefficient(dis1, 1);
    disSplit.setCoefficient(dis0, 1);
    disSplit.setCoefficient(x.dis(), -1);
    // One name per row: OR-Tools' lookup by name aborts on a named model with duplicate names.
    String[] drawingNames = {"hdch1", "hddis1"};
    MPVariable[] drawing = {ch1, dis1};
    for (int r = 0; r < drawing.length; r++) {
      MPConstraint row = rows.row(-inf, 0, drawingNames[r], household, t);
      row.setCoefficient(drawing[r], 1);
      row.setCoefficient(delta, -powerKwh);
    }
    String[] givingNames = {"hgch0", "hgdis0"};
    MPVariable[] giving = {ch0, dis0};
    for (int r = 0; r < giving.length; r++) {
      MPConstraint row = rows.row(-inf, powerKwh, givingNames[r], household, t);
      row.setCoefficient(giving[r], 1);
      row.setCoefficient(delta, powerKwh);
    }
    MPConstraint draws = rows.row(0, 0, "hdraw", household, t);
    RowWriter.add(draws, x.imp(), 1);
    RowWriter.add(draws, x.buy(), 1);
    draws.setCoefficient(ch1, -1);
    draws.setCoefficient(dis1, 1);
    draws.setCoefficient(delta, -netLoadKwh);
    MPConstraint gives = rows.row(-netLoadKwh, -netLoadKwh, "hgive", household, t);
    RowWriter.add(gives, x.exp(), 1);
    RowWriter.add(gives, x.sell(), 1);
    RowWriter.add(gives, x.cur(), 1);
    gives.setCoefficient(ch0, 1);
    gives.setCoefficient(dis0, -1);
    gives.setCoefficient(delta, -netLoadKwh);
    if (x.cur() != null) {
      MPConstraint curtail = rows.row(-inf, pvKwh, "hcur", household, t);
      curtail.setCoefficient(x.cur(), 1);
      curtail.setCoefficient(delta, pvKwh);
    }
  }
}
