package org.equigrid.config;

import static org.equigrid.config.ScenarioKeys.NON_NEGATIVE;
import static org.equigrid.config.ScenarioKeys.POSITIVE;
import static org.equigrid.config.ScenarioKeys.flag;
import static org.equigrid.config.ScenarioKeys.group;
import static org.equigrid.config.ScenarioKeys.num;
import static org.equigrid.config.ScenarioKeys.optionalInteger;

import org.equigrid.config.ScenarioKey.Flag;
import org.equigrid.config.ScenarioKey.Group;
import org.equigrid.config.ScenarioKey.Num;
import org.equigrid.config.ScenarioKey.Range;
import org.equigrid.config.ScenarioKey.Whole;
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
            "solve the MILP where the LP breaks a binary");
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
    if (time == null
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
        .withDecompositionMinHouseholds(decomposition);
  }
}
