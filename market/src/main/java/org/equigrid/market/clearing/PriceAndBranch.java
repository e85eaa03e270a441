package org.equigrid.market.clearing;

import java.util.List;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * Price-and-branch's end of a phase (opt-in; docs/negotiation.md, "Price-and-branch"): the
 * restricted master as an integer program over every member's columns ({@link RestrictedMasterIp},
 * SCIP), the best answer kept; between IPs the run dives ({@link PriceDecomposition.Run}): the
 * directions the IP's schedule uses are fixed ({@link DirectionFixes#fixUsed}), the schedule joins
 * the master as a column ({@link #asColumns}) and column generation goes on.
 */
final class PriceAndBranch {

  private static final Logger LOG = LogManager.getLogger();

  /** Diving passes of price-and-branch after the first restricted master IP. */
  static final int MAX_DIVES = 2;

  private static final double NANOS = 1e9;

  /**
   * One restricted master IP: why it failed ({@code failure}, else null) or its schedule {@code
   * flows[flow][k][t]}.
   */
  record IpAnswer(String failure, double[][][] flows, int[][] starts) {}

  private final DecompositionData data;
  private final SolverOptions options;
  private final double tolerance;
  private double bestObjective = Double.POSITIVE_INFINITY;
  private ClearingModel.RawSolution best;

  PriceAndBranch(DecompositionData data, SolverOptions options, double tolerance) {
    this.data = data;
    this.options = options;
    this.tolerance = tolerance;
  }

  /**
   * Solves the restricted master IP over the columns of {@code master}; its schedule is kept if it
   * is the best so far ({@link #best}). {@code dive} and {@code lpBound} are for the log.
   */
  IpAnswer solve(MasterLp master, int dive, double lpBound) {
    long start = System.nanoTime();
    List<List<HouseholdBlock.Column>> own = master.columns().memberColumns();
    RestrictedMasterIp.Solved solved = new RestrictedMasterIp(data, options, tolerance).solve(own);
    if (solved == null) {
      return new IpAnswer("OR-Tools has no SCIP solver in this build", null, null);
    }
    double ipSeconds = (System.nanoTime() - start) / NANOS;
    if (solved.flows() == null) {
      return new IpAnswer("the restricted master IP returned " + solved.status(), null, null);
    }
    double[][][] flows = solved.flows();
    double found = ScheduleObjective.withFloor(data, options, flows);
    LOG.debug(
        "restricted master IP (dive {}): {} columns, {} binaries, {} in {} s, objective {},"
            + " bound {}",
        dive,
        solved.columns(),
        solved.binaries(),
        solved.status(),
        ipSeconds,
        found,
        lpBound);
    if (!(found >= bestObjective)) {
      bestObjective = found;
      best = ColumnPool.raw(flows);
    }
    return new IpAnswer(null, flows, solved.starts());
  }

  /** The best IP objective so far (infinite before one). */
  double bestObjective() {
    return bestObjective;
  }

  /** The schedules of the best IP answer so far (null before one). */
  ClearingModel.RawSolution best() {
    return best;
  }

  /**
   * Each member's schedule of {@code flows} as a column with its appliances' {@code starts} (null
   * entries: none), flows below the clip set to 0.
   */
  static HouseholdBlock.Column[] asColumns(double[][][] flows, int[][] starts) {
    int memberCount = flows[HouseholdBlock.IMP].length;
    HouseholdBlock.Column[] schedules = new HouseholdBlock.Column[memberCount];
    for (int k = 0; k < memberCount; k++) {
      double[][] v = new double[HouseholdBlock.FLOWS][];
      for (int f = 0; f < HouseholdBlock.FLOWS; f++) {
        v[f] = flows[f][k].clone();
        for (int t = 0; f != HouseholdBlock.SOC && t < v[f].length; t++) {
          // Dust makes the master numerically troubled (GLOP returned ABNORMAL), as in the
          // households' blocks.
          v[f][t] = v[f][t] < ResultAssembly.CLIP_KWH ? 0 : v[f][t];
        }
      }
      schedules[k] = new HouseholdBlock.Column(v, starts[k]);
    }
    return schedules;
  }
}
