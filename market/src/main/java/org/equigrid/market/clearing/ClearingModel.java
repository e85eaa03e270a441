package org.equigrid.market.clearing;

import com.google.ortools.linearsolver.MPConstraint;
import com.google.ortools.linearsolver.MPObjective;
import com.google.ortools.linearsolver.MPSolver;
import com.google.ortools.linearsolver.MPVariable;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntPredicate;
import org.equigrid.market.model.TradingDay;

/**
 * One OR-Tools model of the clearing problem of a coalition (DESIGN.md section 2), built once and
 * solved once. Only variables that can be nonzero are created: no battery means no {@code ch, dis,
 * soc}; no PV means no {@code cur}; {@code buy}/{@code sell} only in coalitions of two or more and
 * only in intervals where somebody could be on the other side.
 *
 * <p>The objective has no constant term, so the MPS export carries it completely (MPS has no
 * standard way to write an objective offset).
 *
 * <p><b>Binaries.</b> A member with a battery has in every interval {@code β} (charge or discharge)
 * and {@code δ} (one meter, one direction, DESIGN.md section 2b: it draws {@code imp + buy} or
 * gives {@code exp + sell + cur}, never both; curtailment counts on the giving side, so a household
 * never curtails its PV while it draws energy). They are integer only where {@code
 * chargeBinary[k][t]} / {@code gridBinary[k][t]} say so (either may be null for none) and
 * continuous in {@code [0, 1]} elsewhere: with both null the model is the LP relaxation of the
 * MILP, whose optimum is the proven lower bound {@code lpBound}. A member without a battery has no
 * binary: its direction is fixed by the data ({@code imp + buy <= need}, {@code exp + sell + cur <=
 * surplus}, need and surplus after own use, {@link ClearingRequest#needKwh}; one of them is 0 for a
 * single household, so its balance fixes its flows' side). One family of constraints may be
 * relaxed, for the infeasibility diagnosis; the binary rows are then left out.
 *
 * <p><b>The model's solver-facing API.</b> The engines ({@link
 * org.equigrid.market.clearing.engine}) build and drive the model through its public members only:
 * the constructor, {@link #solver()}, {@link #binaryCount()}, {@link #fixDirections}, {@link
 * #freeDirections}, {@link #hint}, {@link #values()}, the flow variables ({@link #gridImport} and
 * the like) and {@link RawSolution}; the rows themselves are written here, in {@link MemberBlocks},
 * {@link CouplingRows} and {@link DayFormulation}, never by an engine.
 */
public final class ClearingModel implements AutoCloseable {

  private final ClearingRequest request;
  final TradingDay day;
  final int[] members;
  final int memberCount;
  final int intervals;
  private final MPSolver solver;

  final MPVariable[][] imp;
  final MPVariable[][] exp;
  final MPVariable[][] buy;
  final MPVariable[][] sell;
  final MPVariable[][] cur;
  final MPVariable[][] ch;
  final MPVariable[][] dis;
  final MPVariable[][] soc;

  /**
   * Per member and interval: the flexible load {@code flex} (kWh; EV charging plus running
   * appliances, docs/model.md "Flexible demand"; null where it cannot draw).
   */
  final MPVariable[][] ev;

  final MPVariable peak;
  final MPVariable floor;
  final MPVariable[][] beta;
  final MPVariable[][] delta;

  /** Per battery member and interval: {@code ch − P·Δt·β <= 0} (null where absent). */
  final MPConstraint[][] chargeRow;

  /** Per battery member and interval: {@code dis + P·Δt·β <= P·Δt} (null where absent). */
  final MPConstraint[][] dischargeRow;

  /** Per battery member and interval: {@code imp + buy − Mimp·δ <= 0} (null where absent). */
  final MPConstraint[][] importSideRow;

  /**
   * Per battery member and interval: {@code exp + sell + cur + Mexp·δ <= Mexp} (null where absent).
   */
  final MPConstraint[][] exportSideRow;

  /** Per member without a battery and interval: {@code imp + buy <= need} (null where absent). */
  final MPConstraint[][] needRow;

  /**
   * Per member without a battery and interval: {@code exp + sell + cur <= surplus} (null where
   * absent).
   */
  final MPConstraint[][] surplusRow;

  /** Per member and interval: the balance row and the battery dynamics row (null where absent). */
  final MPConstraint[][] balanceRow;

  final MPConstraint[][] dynamicsRow;

  /** Per member and interval: the origin row {@code imp + buy − ch <= L} (null where absent). */
  final MPConstraint[][] originBuyRow;

  /** Per member and interval: the origin row {@code sell − dis <= G} (null where absent). */
  final MPConstraint[][] originSellRow;

  /**
   * The upper bounds of {@code ch, dis, imp, buy, exp, sell, cur} as built, taken at the first
   * {@link #fixDirections} ({@link ModelDirections}); null before.
   */
  double[][][] builtUpperBounds;

  private final DayFormulation formulation;

  /** The appliance start binaries {@code s[a,k]} (F4), for {@link #fractionalStarts}. */
  private final List<MPVariable> starts = new ArrayList<>();

  /**
   * Whether {@code z} is in the model: {@code ρ > 0} and at least one protected member with finite
   * C0.
   */
  public static boolean hasFloor(ClearingRequest request) {
    return CouplingRows.hasFloor(request);
  }

  /**
   * Builds the model.
   *
   * @param solverId {@code GLOP} or {@code SCIP}
   * @param relaxed the family to drop, or null
   * @param named whether to give variables and rows names (for MPS export)
   */
  public ClearingModel(
      ClearingRequest request,
      MPSolver solver,
      boolean[][] chargeBinary,
      boolean[][] gridBinary,
      ConstraintFamily relaxed,
      boolean named,
      double epsilonEur) {
    this(request, solver, chargeBinary, gridBinary, relaxed, named, epsilonEur, false);
  }

  /**
   * As above; with {@code directionHull} every integer {@code δ} also gets the rows of {@link
   * DirectionHull} (the same MILP, a tighter relaxation).
   */
  ClearingModel(
      ClearingRequest request,
      MPSolver solver,
      boolean[][] chargeBinary,
      boolean[][] gridBinary,
      ConstraintFamily relaxed,
      boolean named,
      double epsilonEur,
      boolean directionHull) {
    this.request = request;
    this.day = request.day();
    this.members = request.members();
    this.memberCount = members.length;
    this.intervals = day.intervals();
    this.solver = solver;
    DayFormulation rows = new DayFormulation(solver, named);
    this.formulation = rows;

    imp = new MPVariable[memberCount][intervals];
    exp = new MPVariable[memberCount][intervals];
    buy = new MPVariable[memberCount][intervals];
    sell = new MPVariable[memberCount][intervals];
    cur = new MPVariable[memberCount][intervals];
    ch = new MPVariable[memberCount][intervals];
    dis = new MPVariable[memberCount][intervals];
    soc = new MPVariable[memberCount][intervals];
    ev = new MPVariable[memberCount][intervals];
    beta = new MPVariable[memberCount][intervals];
    delta = new MPVariable[memberCount][intervals];
    chargeRow = new MPConstraint[memberCount][intervals];
    dischargeRow = new MPConstraint[memberCount][intervals];
    importSideRow = new MPConstraint[memberCount][intervals];
    exportSideRow = new MPConstraint[memberCount][intervals];
    needRow = new MPConstraint[memberCount][intervals];
    surplusRow = new MPConstraint[memberCount][intervals];
    balanceRow = new MPConstraint[memberCount][intervals];
    dynamicsRow = new MPConstraint[memberCount][intervals];
    originBuyRow = new MPConstraint[memberCount][intervals];
    originSellRow = new MPConstraint[memberCount][intervals];

    MPObjective objective = solver.objective();
    objective.setMinimization();
    // Who could be on each side of the pool in each interval.
    boolean[][] sides = MemberBlocks.poolSides(request, memberCount > 1);
    boolean[] anyCanSell = sides[0];
    boolean[] anyCanBuy = sides[1];
    MemberBlocks.variables(this, rows, objective, request, relaxed, anyCanSell, anyCanBuy);
    // The binary rows are left out only for the infeasibility diagnosis (relaxed != null), whose
    // relaxed families would make their big-M values invalid: see MemberBlocks.rows.
    MemberBlocks.rows(this, rows, request, chargeBinary, gridBinary, relaxed, directionHull);

    CouplingRows.flexibleDemand(this, rows, starts);
    CouplingRows.pool(this, rows, relaxed, anyCanSell, anyCanBuy);
    peak = CouplingRows.peak(this, rows, objective);
    floor = CouplingRows.floor(this, rows, objective, request, epsilonEur);
  }

  public MPSolver solver() {
    return solver;
  }

  public int binaryCount() {
    return formulation.integerCount();
  }

  /**
   * Whether an appliance start binary is fractional in the solver's last answer (more than {@code
   * 1e-6} from 0 and 1; docs/model.md, F4): the relaxation's schedule is then no MILP schedule.
   */
  public boolean fractionalStarts() {
    for (MPVariable start : starts) {
      double value = start.solutionValue();
      if (Math.min(value, 1 - value) > 1e-6) {
        return true;
      }
    }
    return false;
  }

  ClearingRequest request() {
    return request;
  }

  /**
   * Forbids one direction where a direction is given: {@code chargeDirection[k][t]} +1 keeps only
   * charging ({@code β = 1}, so {@code dis = 0}), −1 only discharging; {@code gridDirection} +1
   * only drawing ({@code δ = 1}: no {@code exp, sell, cur}), −1 only giving ({@code δ = 0}: no
   * {@code imp, buy}). Bounds change in place, so the LP re-solves from its last basis.
   */
  public void fixDirections(byte[][] chargeDirection, byte[][] gridDirection) {
    ModelDirections.fix(this, chargeDirection, gridDirection);
  }

  /**
   * Frees every relaxed {@code β}, {@code δ} whose direction is 0 in the given arrays (bounds back
   * to {@code [0, 1]}); pairs without such a variable stay as they are.
   */
  public void freeDirections(byte[][] chargeDirection, byte[][] gridDirection) {
    ModelDirections.free(this, chargeDirection, gridDirection);
  }

  /** Hints a schedule (and the binaries of given directions) to the MILP solver. */
  public void hint(RawSolution values, byte[][] chargeDirection, byte[][] gridDirection) {
    ModelDirections.hint(this, values, chargeDirection, gridDirection);
  }

  /** The number of members (blocks) of the model. */
  int memberCount() {
    return memberCount;
  }

  /**
   * Whether the solution of a cost-minimising model (every weight equal) breaks a binary of a
   * present member in a way no re-split of the pool can mend: a battery charging and discharging at
   * once, or a battery member drawing and giving at once even after the flows of the present
   * members are re-split pro rata to their need and surplus ({@link ProRataSplit#splitClass}; at
   * equal weights that keeps the objective). Need, surplus and limits are read from the model's
   * current bounds, so a pooled block or a scaled type counts with its current sums ({@link
   * EqualWeightBreaks}).
   */
  boolean breaksAtEqualWeights(IntPredicate present) {
    return EqualWeightBreaks.breaks(this, present);
  }

  /** The variable of member {@code k}'s import from the grid in interval {@code t} (kWh). */
  public MPVariable gridImport(int k, int t) {
    return imp[k][t];
  }

  /** The variable of member {@code k}'s export to the grid in interval {@code t} (kWh). */
  public MPVariable gridExport(int k, int t) {
    return exp[k][t];
  }

  /** The variable of member {@code k}'s purchase from the pool in interval {@code t} (kWh). */
  public MPVariable poolBuy(int k, int t) {
    return buy[k][t];
  }

  /** The variable of member {@code k}'s sale to the pool in interval {@code t} (kWh). */
  public MPVariable poolSell(int k, int t) {
    return sell[k][t];
  }

  /**
   * The variable of member {@code k}'s battery charge in interval {@code t} (kWh; null without).
   */
  public MPVariable batteryCharge(int k, int t) {
    return ch[k][t];
  }

  /**
   * The variable of member {@code k}'s battery discharge in interval {@code t} (kWh; null without).
   */
  public MPVariable batteryDischarge(int k, int t) {
    return dis[k][t];
  }

  /** The variable of member {@code k}'s curtailment in interval {@code t} (kWh; null without). */
  public MPVariable curtailment(int k, int t) {
    return cur[k][t];
  }

  /** The raw solution values ({@code [member][interval]}, absent variables are 0). */
  public RawSolution values() {
    return new RawSolution(
        read(imp),
        read(exp),
        read(buy),
        read(sell),
        read(cur),
        read(ch),
        read(dis),
        read(soc),
        read(ev));
  }

  private double[][] read(MPVariable[][] variables) {
    double[][] result = new double[memberCount][intervals];
    for (int k = 0; k < memberCount; k++) {
      for (int t = 0; t < intervals; t++) {
        if (variables[k][t] != null) {
          result[k][t] = variables[k][t].solutionValue();
        }
      }
    }
    return result;
  }

  @Override
  public void close() {
    solver.delete();
  }

  /**
   * Solution values of one solve, indexed {@code [member][interval]}; {@code ev} the EV charging
   * (null for a solution without flexible load: all 0).
   */
  public record RawSolution(
      double[][] imp,
      double[][] exp,
      double[][] buy,
      double[][] sell,
      double[][] cur,
      double[][] ch,
      double[][] dis,
      double[][] soc,
      double[][] ev) {

    /** A solution without flexible load. */
    public RawSolution(
        double[][] imp,
        double[][] exp,
        double[][] buy,
        double[][] sell,
        double[][] cur,
        double[][] ch,
        double[][] dis,
        double[][] soc) {
      this(imp, exp, buy, sell, cur, ch, dis, soc, null);
    }

    /**
     * The arrays in one, in the order of {@link HouseholdBlock}'s flow indices: {@code {imp, exp,
     * buy, sell, cur, ch, dis, soc, ev}} ({@code ev} null where there is none).
     */
    public double[][][] families() {
      return new double[][][] {imp, exp, buy, sell, cur, ch, dis, soc, ev};
    }

    /** The solution of {@link #families()}' nine arrays, in that order. */
    public static RawSolution ofFamilies(double[][][] families) {
      return new RawSolution(
          families[0],
          families[1],
          families[2],
          families[3],
          families[4],
          families[5],
          families[6],
          families[7],
          families[8]);
    }

    /** {@link #ev()}, or zeros of the shape of {@link #imp()} where null. */
    public double[][] evOrZero() {
      if (ev != null) {
        return ev;
      }
      double[][] zero = new double[imp.length][];
      for (int k = 0; k < imp.length; k++) {
        zero[k] = new double[imp[k].length];
      }
      return zero;
    }
  }
}
