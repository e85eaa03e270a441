package org.equigrid.config;

import static org.equigrid.config.ScenarioKeys.NON_NEGATIVE;
import static org.equigrid.config.ScenarioKeys.POSITIVE;
import static org.equigrid.config.ScenarioKeys.flag;
import static org.equigrid.config.ScenarioKeys.group;
import static org.equigrid.config.ScenarioKeys.num;
import static org.equigrid.config.ScenarioKeys.optionalInteger;
import static org.equigrid.config.ScenarioKeys.text;

import org.equigrid.config.ScenarioKey.Flag;
import org.equigrid.config.ScenarioKey.Group;
import org.equigrid.config.ScenarioKey.Num;
import org.equigrid.config.ScenarioKey.Range;
import org.equigrid.config.ScenarioKey.Text;
import org.equigrid.config.ScenarioKey.Whole;
import org.equigrid.market.clearing.MilpEffort;
import org.equigrid.market.clearing.SolverOptions;

/**
 * Reads {@code solver}: limits and switches of the clearing solve, into {@link SolverOptions},
 * whose {@code defaults()} are the declared defaults. The solver key table is here.
 */
final class SolverBinder {
  private SolverBinder() {}

  /** {@code solver}; the defaults are {@link SolverOptions#defaults()}. */
  static final class SolverKeys {
    private static final SolverOptions D = SolverOptions.defaults();
    static final Num TIME_LIMIT_SECONDS =
        num(
            "timeLimitSeconds",
            D.timeLimitSeconds(),
            POSITIVE,
            "s",
            "guard on the MILP's CPU time (SCIP stops first at the gap or at its node limit, so load never changes"
                + " answers; a run stopped by this guard says so in solver.reason)");
    static final Num RELATIVE_GAP_LIMIT =
        num("relativeGapLimit", D.relativeGapLimit(), NON_NEGATIVE, "", "MILP relative gap");
    static final Flag MILP_WHEN_BINARIES_BREAK =
        flag(
            "milpWhenBinariesBreak",
            D.milpWhenBinariesBreak(),
            "solve the MILP where the LP breaks a binary (false: the LP relaxation is the"
                + " clearing, an approximation named in the results where it breaks one)");
    static final Text MILP_EFFORT =
        text(
            "milpEffort",
            D.milpEffort().spelling(),
            "how far SCIP searches in the staged MILP: `prove` (to the gap limit, or the node"
                + " budget or time guard), `root` (SCIP's root node only) or `nodes:N` (at most N"
                + " nodes). `root` and `nodes:N` are approximations, so opt-in: a day they stop says"
                + " so in its solver reason, with the gap against the best bound (at least the LP"
                + " bound), and summary.json lists them in `clearingApproximations`"
                + " (docs/performance.md)");
    static final Num EPSILON_EUR =
        num(
            "epsilonEur",
            D.epsilonEur(),
            POSITIVE,
            "EUR",
            "`ε` of the relative-savings denominator");
    static final Flag POOLING =
        flag(
            "pooling",
            D.pooling(),
            "solve households without a battery, without a"
                + " Rawlsian floor row and of one weight as one block (exact: same LP bound and optimum)");
    static final Flag POOL_IDENTICAL_BATTERIES =
        flag(
            "poolIdenticalBatteries",
            D.poolIdenticalBatteries(),
            "in large communities (`intervals × battery households > 4 × 600`) also pool unprotected households with"
                + " identical batteries: an approximation, so opt-in (symmetric battery schedules; the solver's reason"
                + " starts with \"approximation\"; see BENCHMARKS)");
    static final Whole DECOMPOSITION_MIN_HOUSEHOLDS =
        optionalInteger(
                "decompositionMinHouseholds",
                new Range(Check.between(2, SolverOptions.NEVER_DECOMPOSE), "≥ 2"),
                "households",
                "solve coalitions of at least this many households by price decomposition: an"
                    + " approximation, so opt-in (absent: never, every size exact as one model; the"
                    + " solver's reason then starts with \"approximation\" and gives the certified gap"
                    + " against its bound; see docs/performance.md)")
            .shown("– (never)");
    static final Group SECTION =
        group(
            "solver",
            "solver",
            "solver limits and switches",
            TIME_LIMIT_SECONDS,
            RELATIVE_GAP_LIMIT,
            MILP_WHEN_BINARIES_BREAK,
            MILP_EFFORT,
            EPSILON_EUR,
            POOLING,
            POOL_IDENTICAL_BATTERIES,
            DECOMPOSITION_MIN_HOUSEHOLDS);
  }

  static SolverOptions bind(Section s) {
    SolverOptions d = SolverOptions.defaults();
    Double time = s.number(SolverKeys.TIME_LIMIT_SECONDS);
    Double gap = s.number(SolverKeys.RELATIVE_GAP_LIMIT);
    Boolean milp = s.bool(SolverKeys.MILP_WHEN_BINARIES_BREAK);
    Double epsilon = s.number(SolverKeys.EPSILON_EUR);
    Boolean pooling = s.bool(SolverKeys.POOLING);
    Boolean batteries = s.bool(SolverKeys.POOL_IDENTICAL_BATTERIES);
    Integer decomposition =
        s.has(SolverKeys.DECOMPOSITION_MIN_HOUSEHOLDS)
            ? s.integer(SolverKeys.DECOMPOSITION_MIN_HOUSEHOLDS)
            : Integer.valueOf(SolverOptions.NEVER_DECOMPOSE);
    MilpEffort effort = milpEffort(s);
    if (time == null
        || effort == null
        || gap == null
        || milp == null
        || epsilon == null
        || pooling == null
        || batteries == null
        || decomposition == null) {
      return d;
    }
    return new SolverOptions(time, gap, milp, epsilon)
        .withPooling(pooling)
        .withPoolIdenticalBatteries(batteries)
        .withDecompositionMinHouseholds(decomposition)
        .withMilpEffort(effort);
  }

  /**
   * {@code solver.milpEffort}, or null with the problem reported. Absent: {@link MilpEffort#PROVE},
   * left out of the canonical scenario (as before the key existed, so the results of a scenario
   * without it are unchanged byte for byte).
   */
  private static MilpEffort milpEffort(Section s) {
    if (!s.has(SolverKeys.MILP_EFFORT)) {
      return MilpEffort.PROVE;
    }
    String text = s.text(SolverKeys.MILP_EFFORT);
    if (text == null) {
      return null;
    }
    try {
      return MilpEffort.parse(text);
    } catch (IllegalArgumentException e) {
      s.problem(
          SolverKeys.MILP_EFFORT,
          "is not one of " + MilpEffort.ALLOWED + ". Maybe you meant root or nodes:100?");
      return null;
    }
  }
}
