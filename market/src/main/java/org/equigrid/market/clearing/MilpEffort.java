package org.equigrid.market.clearing;

import java.util.Locale;

/**
 * How far SCIP searches in the staged MILP (scenario key {@code solver.milpEffort}, issue 14): to
 * the gap limit ({@link #PROVE}, the default: stopped only by the node budget of {@link
 * SolverOptions#MILP_NODE_BUDGET} or the CPU-time guard), or at most {@code maxNodes}
 * branch-and-bound nodes, an approximation and therefore opt-in: {@code root} (one node, SCIP's
 * presolve, root LP, cuts and root heuristics) or {@code nodes:N}. The answer is then SCIP's best
 * schedule at that point (repaired where it breaks pairs, or the rounded LP schedule), FEASIBLE
 * with its gap against the best bound (never below the LP bound, a true bound), and its reason
 * starts with {@link #APPROXIMATION}. An answer SCIP proves within the gap limit under the cap is
 * OPTIMAL and not named.
 *
 * @param maxNodes the node cap, at least 1; {@link #UNCAPPED} for {@link #PROVE}
 */
public record MilpEffort(long maxNodes) {

  /** {@link #maxNodes} of {@link #PROVE}: no cap beyond the deterministic node budget. */
  public static final long UNCAPPED = Long.MAX_VALUE;

  /** The default: SCIP searches to the gap limit (or the node budget, or the CPU-time guard). */
  public static final MilpEffort PROVE = new MilpEffort(UNCAPPED);

  /** SCIP's root node only. */
  public static final MilpEffort ROOT = new MilpEffort(1);

  /** How the solver's reason of an answer stopped by the cap starts. */
  public static final String APPROXIMATION = "approximation (solver.milpEffort = ";

  /** What {@link #parse} accepts, for messages. */
  public static final String ALLOWED = "prove, root or nodes:N (N a whole number ≥ 1)";

  public MilpEffort {
    if (maxNodes < 1) {
      throw new IllegalArgumentException(
          "maxNodes (" + maxNodes + ") must be >= 1 (" + UNCAPPED + ": prove)");
    }
  }

  /** Whether SCIP searches to the gap limit (the default, exact). */
  public boolean proves() {
    return maxNodes == UNCAPPED;
  }

  /**
   * The node limit of one SCIP solve under this effort: {@code limit} (the deterministic one, -1
   * for none) capped at {@link #maxNodes}.
   */
  public long cap(long limit) {
    if (proves()) {
      return limit;
    }
    return limit < 0 ? maxNodes : Math.min(limit, maxNodes);
  }

  /** As written in a scenario: {@code prove}, {@code root} or {@code nodes:N}. */
  public String spelling() {
    if (proves()) {
      return "prove";
    }
    return maxNodes == 1 ? "root" : "nodes:" + maxNodes;
  }

  /**
   * The effort written as {@code prove}, {@code root} or {@code nodes:N} (case-insensitive).
   *
   * @throws IllegalArgumentException naming the value and what is allowed
   */
  public static MilpEffort parse(String text) {
    String t = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
    if (t.equals("prove")) {
      return PROVE;
    }
    if (t.equals("root")) {
      return ROOT;
    }
    if (t.startsWith("nodes:")) {
      String n = t.substring("nodes:".length()).trim();
      try {
        long nodes = Long.parseLong(n);
        if (nodes >= 1) {
          return new MilpEffort(nodes);
        }
      } catch (NumberFormatException e) {
        // reported below
      }
    }
    throw new IllegalArgumentException(
        "solver.milpEffort \"" + text + "\" is not one of " + ALLOWED);
  }
}
