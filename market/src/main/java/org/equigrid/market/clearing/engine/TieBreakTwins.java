package org.equigrid.market.clearing.engine;

import com.google.ortools.linearsolver.MPObjective;
import com.google.ortools.linearsolver.MPSolver;
import java.util.List;
import org.equigrid.market.clearing.ClearingModel;
import org.equigrid.market.clearing.ClearingRequest;
import org.equigrid.market.model.TradingDay;

/**
 * The tie-break's second, lexicographic pass among identical households whose mean schedule breaks
 * a binary pair ({@link IdenticalHouseholds}, docs/model.md "Ties", step 5): they may trade a
 * continuous amount of cost at the same rule objective, which ordering them by id does not fix.
 * With the first pass's rule objective held at its optimum {@code r*} (the row {@code rule <= r* +
 * 1e-9·max(1, |r*|)}, on the MILP's optimal face), it minimises {@code Σ_groups Σ_r (n − r) · Σ_t
 * C_{k_r}[t]·(1 + t/T)}, {@code k_r} the group's member of rank {@code r} in id order ({@code r =
 * 0..n−1}): for two twins A before B that is {@code C_A + (C_A + C_B)}, so the first in id order
 * takes the least rule cost there is on the rule's optimal face (the others' directions held, see
 * below), a value that does not depend on the vertex. The other households' binary pairs keep the
 * first pass's directions (their schedules are the rule's optimum, a function of the problem, and
 * so are their directions), so the pass restricts the face to schedules of the same directions
 * outside the groups. Solved as the first pass is: GLOP on the relaxation, and where a group's pair
 * breaks, SCIP with the binaries of the group members whose pairs broke ({@link
 * TieBreakMilp#solveOn}, the first pass's schedule as hint, its limits) and GLOP again in SCIP's
 * directions ({@link TieBreak#polish}).
 */
final class TieBreakTwins {

  private TieBreakTwins() {}

  /**
   * The second pass's schedule, or why there is none.
   *
   * @param values per member (null where the pass gave up)
   * @param why why it gave up ("" with values)
   */
  record Result(ClearingModel.RawSolution values, String why) {}

  /**
   * The second pass over {@code face} and the rule's optimum of {@code first}.
   *
   * @param first the first pass's schedule (a rule optimum, every pair in one direction)
   * @param groups the groups of identical members to split, each sorted by id
   */
  static Result solve(
      ClearingRequest request,
      ClearingModel.RawSolution first,
      List<List<Integer>> groups,
      TieBreakFace face,
      double timeLimitSeconds,
      double epsilonEur) {
    double ruleOptimum = TieBreakObjective.ruleObjective(request, first);
    MPSolver solver = MPSolver.createSolver("GLOP");
    if (solver == null) {
      return new Result(null, "GLOP is not available");
    }
    try (ClearingModel model =
        new ClearingModel(request, solver, null, null, null, false, epsilonEur)) {
      byte[][][] fixed = othersDirections(request, first, groups);
      restrict(request, model, face, ruleOptimum, groups, fixed);
      if (solver.solve() != MPSolver.ResultStatus.OPTIMAL) {
        return new Result(null, "its LP did not solve");
      }
      ClearingModel.RawSolution lp = model.values();
      if (!TieBreakRounds.breaks(request, lp)) {
        return new Result(lp, "");
      }
      TieBreakMilp.Result milp =
          TieBreakMilp.solveOn(
              request,
              first,
              lp,
              timeLimitSeconds,
              epsilonEur,
              "second pass",
              scip -> restrict(request, scip, face, ruleOptimum, groups, fixed));
      if (milp.values() == null) {
        return new Result(null, milp.why());
      }
      model.freeDirections(fixed[0], fixed[1]);
      ClearingModel.RawSolution polished = TieBreak.polish(request, model, milp.values());
      return new Result(polished == null ? milp.values() : polished, "");
    }
  }

  /**
   * The face's row and the rule's objective ({@link TieBreakObjective#restrictToFace}), the rule's
   * objective turned into the row {@code rule <= r* + 1e-9·max(1, |r*|)}, and the second pass's
   * objective (class comment).
   */
  private static void restrict(
      ClearingRequest request,
      ClearingModel model,
      TieBreakFace face,
      double ruleOptimum,
      List<List<Integer>> groups,
      byte[][][] fixed) {
    TieBreakObjective.restrictToFace(request, model, face);
    model.fixDirections(fixed[0], fixed[1]);
    MPSolver solver = model.solver();
    MPObjective objective = TieBreakObjective.holdAtOptimum(solver, ruleOptimum, "rule optimum");
    TradingDay day = request.day();
    int intervals = day.intervals();
    double[] priceImp = day.tariff().importPriceEurPerKwh();
    double[] priceExp = day.tariff().exportPriceEurPerKwh();
    double[] pool = request.poolPriceEurPerKwh();
    for (List<Integer> group : groups) {
      int n = group.size();
      for (int rank = 0; rank < n; rank++) {
        int k = group.get(rank);
        for (int t = 0; t < intervals; t++) {
          double c = (n - rank) * (1 + (double) t / intervals);
          TieBreakObjective.set(objective, model.gridImport(k, t), c * priceImp[t]);
          TieBreakObjective.set(objective, model.gridExport(k, t), -c * priceExp[t]);
          TieBreakObjective.set(objective, model.poolBuy(k, t), c * pool[t]);
          TieBreakObjective.set(objective, model.poolSell(k, t), -c * pool[t]);
        }
      }
    }
  }

  /**
   * The directions of the first pass's schedule at the binary pairs of every member outside {@code
   * groups} (charge, grid; 0 for the groups' members): held in the second pass, whose binaries are
   * then the groups' only.
   */
  private static byte[][][] othersDirections(
      ClearingRequest request, ClearingModel.RawSolution first, List<List<Integer>> groups) {
    int memberCount = request.members().length;
    int intervals = request.day().intervals();
    byte[][] charge = new byte[memberCount][intervals];
    byte[][] grid = new byte[memberCount][intervals];
    TieBreakRounds.directionsOf(request, first, charge, grid);
    for (List<Integer> group : groups) {
      for (int k : group) {
        charge[k] = new byte[intervals];
        grid[k] = new byte[intervals];
      }
    }
    return new byte[][][] {charge, grid};
  }
}
