package org.equigrid.market.clearing.engine;

import com.google.ortools.linearsolver.MPSolver;
import org.equigrid.market.clearing.BinaryPairs;
import org.equigrid.market.clearing.ClearingModel;
import org.equigrid.market.clearing.ClearingRequest;

/**
 * The directions of the tie-break's binary pairs ({@link TieBreak}, docs/model.md "Ties"): which
 * pairs of a schedule break, the direction of a pair's net flow, and the heuristic of step 3,
 * {@link TieBreak.Rule#ROUNDS} (each broken pair takes the direction of its net flow in the stage's
 * own schedule, round by round) with its last resort, the answer's directions ({@link
 * TieBreak.Rule#ANSWER_DIRECTIONS}).
 */
final class TieBreakRounds {

  /** Re-solves with the stage's own directions before the answer's directions are taken. */
  static final int MAX_ROUNDS = 20;

  private TieBreakRounds() {}

  /**
   * The heuristic of step 3 (class comment): each pair that breaks takes the direction of its net
   * flow in the stage's schedule and the stage is solved again, at most {@value #MAX_ROUNDS} times;
   * where a round's directions cannot keep the optimum, that round's pairs take the answer's
   * directions instead. Null where even the answer's directions fail. Leaves directions fixed in
   * {@code model}.
   */
  static TieBreakOutcome rounds(
      ClearingRequest request,
      ClearingModel.RawSolution raw,
      ClearingModel model,
      MPSolver solver,
      ClearingModel.RawSolution stage) {
    int memberCount = request.members().length;
    int intervals = request.day().intervals();
    ClearingModel.RawSolution values = stage;
    boolean answerDirections = false;
    byte[][] charge = new byte[memberCount][intervals];
    byte[][] grid = new byte[memberCount][intervals];
    for (int round = 0; round < MAX_ROUNDS; round++) {
      byte[][] chargeBefore = copy(charge);
      byte[][] gridBefore = copy(grid);
      if (fixBroken(request, values, values, charge, grid) == 0) {
        return rounds(values, answerDirections);
      }
      model.fixDirections(charge, grid);
      MPSolver.ResultStatus status = solver.solve();
      if (status != MPSolver.ResultStatus.OPTIMAL) {
        charge = chargeBefore;
        grid = gridBefore;
        fixBroken(request, raw, values, charge, grid);
        answerDirections = true;
        model.freeDirections(chargeBefore, gridBefore);
        model.fixDirections(charge, grid);
        status = solver.solve();
        if (status != MPSolver.ResultStatus.OPTIMAL) {
          return everyAnswerDirection(request, raw, model, solver);
        }
      }
      values = model.values();
    }
    return breaks(request, values)
        ? everyAnswerDirection(request, raw, model, solver)
        : rounds(values, answerDirections);
  }

  private static TieBreakOutcome rounds(
      ClearingModel.RawSolution values, boolean answerDirections) {
    return new TieBreakOutcome(
        values, answerDirections ? TieBreak.Rule.ANSWER_DIRECTIONS : TieBreak.Rule.ROUNDS, "", 0);
  }

  /**
   * Every binary pair of {@code charge}, {@code grid} takes the direction of its net flow in {@code
   * source} (discharge where it discharges more than it charges, else charge; give where it gives
   * more than it draws, else draw): the pairs of battery members, and the meter pair of members
   * with flexible demand ({@link ClearingRequest#hasDirections}; a member without a battery has no
   * charge pair, its {@code charge} stays 0).
   */
  static void directionsOf(
      ClearingRequest request, ClearingModel.RawSolution source, byte[][] charge, byte[][] grid) {
    for (int k = 0; k < charge.length; k++) {
      if (!request.hasDirections(k)) {
        continue;
      }
      boolean battery = hasBattery(request, k);
      for (int t = 0; t < charge[k].length; t++) {
        if (battery) {
          charge[k][t] = chargeDirection(source, k, t);
        }
        grid[k][t] = gridDirection(source, k, t);
      }
    }
  }

  private static byte chargeDirection(ClearingModel.RawSolution source, int k, int t) {
    return (byte) (source.dis()[k][t] > source.ch()[k][t] ? -1 : 1);
  }

  private static byte gridDirection(ClearingModel.RawSolution source, int k, int t) {
    double draws = source.imp()[k][t] + Math.max(0, source.buy()[k][t] - source.sell()[k][t]);
    double gives =
        source.exp()[k][t]
            + Math.max(0, source.sell()[k][t] - source.buy()[k][t])
            + source.cur()[k][t];
    return (byte) (gives > draws ? -1 : 1);
  }

  /**
   * The last resort where the stage's own directions fail: every battery pair takes the direction
   * of the answer (discharge where it discharges more than it charges, else charge; give where it
   * gives more than it draws, else draw). The answer itself keeps those directions at objective
   * {@code z*}, so the stage is feasible and breaks no pair; the split then depends on the answer's
   * vertex and says so ({@link TieBreak#VERTEX_NOTE}). Null only if the LP solver fails.
   */
  private static TieBreakOutcome everyAnswerDirection(
      ClearingRequest request,
      ClearingModel.RawSolution raw,
      ClearingModel model,
      MPSolver solver) {
    int memberCount = request.members().length;
    int intervals = request.day().intervals();
    byte[][] charge = new byte[memberCount][intervals];
    byte[][] grid = new byte[memberCount][intervals];
    directionsOf(request, raw, charge, grid);
    model.freeDirections(new byte[memberCount][intervals], new byte[memberCount][intervals]);
    model.fixDirections(charge, grid);
    if (solver.solve() != MPSolver.ResultStatus.OPTIMAL) {
      return null;
    }
    ClearingModel.RawSolution values = model.values();
    return breaks(request, values)
        ? null
        : new TieBreakOutcome(values, TieBreak.Rule.ANSWER_DIRECTIONS, "", 0);
  }

  private static byte[][] copy(byte[][] values) {
    byte[][] result = new byte[values.length][];
    for (int k = 0; k < values.length; k++) {
      result[k] = values[k].clone();
    }
    return result;
  }

  /**
   * Gives every battery pair that breaks in {@code values} (charges and discharges, or draws and
   * gives, at once) and has no direction yet the direction of its net flow in {@code source}
   * (discharge where {@code dis > ch}, else charge; give where what it gives exceeds what it draws,
   * else draw); returns how many directions it set.
   */
  private static int fixBroken(
      ClearingRequest request,
      ClearingModel.RawSolution source,
      ClearingModel.RawSolution values,
      byte[][] charge,
      byte[][] grid) {
    int fixed = 0;
    for (int k = 0; k < charge.length; k++) {
      if (!request.hasDirections(k)) {
        continue;
      }
      boolean battery = hasBattery(request, k);
      for (int t = 0; t < charge[k].length; t++) {
        boolean chargeBreaks =
            Math.min(values.ch()[k][t], values.dis()[k][t]) > BinaryPairs.BREAK_KWH;
        boolean gridBreaks =
            BinaryPairs.breaksDirection(
                values.imp()[k][t],
                values.exp()[k][t],
                values.buy()[k][t],
                values.sell()[k][t],
                values.cur()[k][t]);
        if (!chargeBreaks && !gridBreaks) {
          continue;
        }
        if (battery && charge[k][t] == 0) {
          charge[k][t] = chargeDirection(source, k, t);
          fixed++;
        }
        if (grid[k][t] == 0) {
          grid[k][t] = gridDirection(source, k, t);
          fixed++;
        }
      }
    }
    return fixed;
  }

  /**
   * Whether a battery pair of {@code values} charges and discharges, or draws and gives, at once.
   */
  static boolean breaks(ClearingRequest request, ClearingModel.RawSolution values) {
    for (int k = 0; k < request.members().length; k++) {
      if (!request.hasDirections(k)) {
        continue;
      }
      for (int t = 0; t < request.day().intervals(); t++) {
        if (Math.min(values.ch()[k][t], values.dis()[k][t]) > BinaryPairs.BREAK_KWH
            || BinaryPairs.breaksDirection(
                values.imp()[k][t],
                values.exp()[k][t],
                values.buy()[k][t],
                values.sell()[k][t],
                values.cur()[k][t])) {
          return true;
        }
      }
    }
    return false;
  }

  private static boolean hasBattery(ClearingRequest request, int k) {
    return request.day().households().get(request.members()[k]).hasBattery();
  }
}
