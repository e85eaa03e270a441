package org.equigrid.market.negotiation;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.equigrid.market.clearing.ClearingRequest;
import org.equigrid.market.clearing.HouseholdBlock;
import org.equigrid.market.clearing.PriceDecomposition;
import org.equigrid.market.clearing.SolverOptions;
import org.equigrid.market.model.TradingDay;

/**
 * Price decomposition (Dantzig–Wolfe) as a negotiation: the coordinator sends each household the
 * cost of each of its flows (the master LP's duals folded into its weighted tariff), the household
 * answers its cheapest schedule (a column; {@link LocalHousehold}), the master LP over all columns
 * gives the next duals. It stops when the master objective (an upper bound) and the Lagrangian
 * bound are within the tolerance ({@code market.negotiationTolerance}, certified gap; 0: 1e-9): the
 * LP optimum of the same objective (weights and Rawlsian floor included) is certified within it.
 * The master is stabilised (docs/negotiation.md). The one-meter and battery binaries are relaxed in
 * the columns; where the combined schedule breaks a direction, the direction is fixed by its net
 * flow and the affected households are asked for fresh columns (rounding passes), and the gap
 * against the LP bound is reported. With price-and-branch (opt-in, weighted objectives) the
 * households answer their exact MILP instead and the run ends with the restricted master as an
 * integer program and diving passes; the certified gap is then against the Dantzig–Wolfe bound of
 * the MILP (docs/negotiation.md, "Price-and-branch").
 *
 * <p>This is {@link PriceDecomposition.Run}, the same state machine the in-process clearing runs
 * above its decomposition threshold. A household that drops out (a null answer) restarts the master
 * without it: the columns of the others are asked again from the first phase.
 */
public final class Decomposition implements Mechanism {

  static {
    com.google.ortools.Loader.loadNativeLibraries();
  }

  private final ClearingRequest request;
  private final SolverOptions options;
  private final double tolerance;
  private final boolean priceAndBranch;
  private final int members;
  private final boolean[] dropped;
  private final List<RoundRecord> log = new ArrayList<>();
  private int[] positions; // run member -> negotiation member
  private PriceDecomposition.Run run;
  private int round;
  private Answer[] finalSchedules;
  private String failure;
  private double lpBoundEur = Double.NaN;
  private double objectiveEur = Double.NaN;
  private boolean certified;
  private boolean integer;
  private boolean finished;

  /**
   * @param request the coalition and objective; only its members' battery ownership and the
   *     intervals the pool is open in are read from the day's households (a column reveals both)
   */
  public Decomposition(ClearingRequest request, SolverOptions options) {
    this(request, options, 0);
  }

  /**
   * @param request the coalition and objective; only its members' battery ownership and the
   *     intervals the pool is open in are read from the day's households (a column reveals both)
   * @param tolerance stop each phase when the certified gap {@code (master − Lagrangian bound) /
   *     max(|bound|, 1 EUR)} is at most this (0: to the master's own precision, 1e-9)
   */
  public Decomposition(ClearingRequest request, SolverOptions options, double tolerance) {
    this(request, options, tolerance, false);
  }

  /**
   * @param request the coalition and objective (see above)
   * @param tolerance the certified-gap stop (see above)
   * @param priceAndBranch with a weighted objective or the Rawlsian floor: the households answer
   *     their exact MILP (one-meter and battery directions binary), and the run ends with the
   *     restricted master as an integer program and up to {@code PriceAndBranch.MAX_DIVES} diving
   *     passes (docs/negotiation.md, "Price-and-branch"); ignored for cost minimisation
   */
  public Decomposition(
      ClearingRequest request, SolverOptions options, double tolerance, boolean priceAndBranch) {
    if (!(tolerance >= 0 && tolerance < 1)) {
      throw new IllegalArgumentException(
          "the decomposition's tolerance (" + tolerance + ") must be in [0, 1)");
    }
    this.request = request;
    this.options = options;
    this.tolerance = tolerance;
    this.priceAndBranch = priceAndBranch;
    this.members = request.members().length;
    this.dropped = new boolean[members];
    start();
  }

  private void start() {
    if (run != null) {
      run.close();
    }
    int count = 0;
    for (boolean d : dropped) {
      count += d ? 0 : 1;
    }
    if (count == 0) {
      run = null;
      finished = true;
      finalSchedules = new Answer[members];
      failure = "every household dropped out";
      return;
    }
    positions = new int[count];
    int[] m = new int[count];
    double[] w = new double[count];
    boolean[] p = new boolean[count];
    double[] c0 = request.standaloneCostEur() == null ? null : new double[count];
    for (int k = 0, j = 0; k < members; k++) {
      if (!dropped[k]) {
        positions[j] = k;
        m[j] = request.members()[k];
        w[j] = request.weightByMember()[k];
        p[j] = request.protectedMember()[k];
        if (c0 != null) {
          c0[j] = request.standaloneCostEur()[k];
        }
        j++;
      }
    }
    ClearingRequest reduced =
        count == members
            ? request
            : new ClearingRequest(
                request.day(),
                m,
                w,
                request.rawlsianStrengthEur(),
                p,
                c0,
                request.poolPriceEurPerKwh());
    run = new PriceDecomposition.Run(reduced, options, tolerance, priceAndBranch);
  }

  @Override
  public NegotiationName name() {
    return NegotiationName.DECOMPOSITION;
  }

  @Override
  public int round() {
    return round;
  }

  @Override
  public Signal[] announce() {
    Signal[] signals = new Signal[members];
    if (finished) {
      return signals;
    }
    HouseholdBlock.PricingCall[] calls = run.calls();
    for (int j = 0; j < calls.length; j++) {
      HouseholdBlock.PricingCall c = calls[j];
      if (c != null) {
        signals[positions[j]] =
            new Signal.ColumnPrices(
                c.importCost(),
                c.exportCost(),
                c.buyCost(),
                c.sellCost(),
                c.tradeOpen(),
                c.chargeDirection(),
                c.gridDirection(),
                run.integerColumns(),
                c.fixedStarts());
      }
    }
    return signals;
  }

  @Override
  public void update(Answer[] answers) {
    if (finished) {
      throw new IllegalStateException("the decomposition has finished");
    }
    HouseholdBlock.PricingCall[] calls = run.calls();
    boolean anyDropped = false;
    for (int j = 0; j < calls.length; j++) {
      if (calls[j] != null && answers[positions[j]] == null) {
        dropped[positions[j]] = true;
        anyDropped = true;
      }
    }
    int intervals = request.day().intervals();
    if (anyDropped) {
      log.add(RoundRecord.undefined(round, new double[intervals]));
      round++;
      start();
      return;
    }
    HouseholdBlock.Column[] columns = new HouseholdBlock.Column[calls.length];
    for (int j = 0; j < calls.length; j++) {
      if (calls[j] != null) {
        columns[j] = column((Answer.Schedule) answers[positions[j]]);
      }
    }
    run.answer(columns);
    double[][][] flows = run.schedules();
    log.add(
        new RoundRecord(
            round,
            run.poolDual(),
            Double.NaN,
            Double.NaN,
            run.objective(),
            run.lowerBound(),
            communityCost(flows),
            0,
            0));
    round++;
    if (run.done()) {
      finished = true;
      failure = run.failure();
      certified = run.certified();
      integer = run.integerColumns();
      lpBoundEur = run.lpBound();
      objectiveEur = run.objective();
      finalSchedules = new Answer[members];
      if (failure == null) {
        for (int j = 0; j < positions.length; j++) {
          boolean flexible =
              request.day().households().get(request.members()[positions[j]]).hasFlex();
          finalSchedules[positions[j]] = schedule(flows, j, flexible);
        }
      }
      run.close();
      run = null;
    }
  }

  private double communityCost(double[][][] flows) {
    if (flows == null || flows[0].length == 0) {
      return Double.NaN;
    }
    TradingDay day = request.day();
    double[][] nets = new double[flows[0].length][day.intervals()];
    for (int k = 0; k < nets.length; k++) {
      for (int t = 0; t < day.intervals(); t++) {
        nets[k][t] =
            flows[HouseholdBlock.IMP][k][t]
                + flows[HouseholdBlock.BUY][k][t]
                - flows[HouseholdBlock.EXP][k][t]
                - flows[HouseholdBlock.SELL][k][t];
      }
    }
    return CommunityCost.ofNetProfiles(nets, day.tariff(), day.intervalHours());
  }

  static HouseholdBlock.Column column(Answer.Schedule s) {
    double[][] v = new double[HouseholdBlock.FLOWS][];
    v[HouseholdBlock.IMP] = s.importKwh();
    v[HouseholdBlock.EXP] = s.exportKwh();
    v[HouseholdBlock.BUY] = s.buyKwh();
    v[HouseholdBlock.SELL] = s.sellKwh();
    v[HouseholdBlock.CUR] = s.curtailKwh();
    v[HouseholdBlock.CH] = s.chargeKwh();
    v[HouseholdBlock.DIS] = s.dischargeKwh();
    v[HouseholdBlock.SOC] = s.socKwh();
    v[HouseholdBlock.FLEX] = s.flexOrZeroKwh();
    return new HouseholdBlock.Column(v, s.applianceStarts());
  }

  static Answer.Schedule schedule(double[][][] flows, int k, boolean flexible) {
    return new Answer.Schedule(
        flows[HouseholdBlock.IMP][k].clone(),
        flows[HouseholdBlock.EXP][k].clone(),
        flows[HouseholdBlock.BUY][k].clone(),
        flows[HouseholdBlock.SELL][k].clone(),
        flows[HouseholdBlock.CUR][k].clone(),
        flows[HouseholdBlock.CH][k].clone(),
        flows[HouseholdBlock.DIS][k].clone(),
        flows[HouseholdBlock.SOC][k].clone(),
        flexible ? flows[HouseholdBlock.FLEX][k].clone() : null,
        null);
  }

  @Override
  public boolean finished() {
    return finished;
  }

  @Override
  public List<RoundRecord> rounds() {
    return List.copyOf(log);
  }

  /** The master objective at the end (the objective of {@link ClearingRequest}, EUR). */
  public double objectiveEur() {
    return objectiveEur;
  }

  /**
   * The bound of the first phase: the relaxation's optimum within 1e-9, or with integer columns
   * (price-and-branch) the Lagrangian bound of the community MILP the column generation certified.
   */
  public double lpBoundEur() {
    return lpBoundEur;
  }

  @Override
  public Outcome outcome() {
    if (!finished) {
      throw new IllegalStateException("the decomposition has not finished (round " + round + ")");
    }
    String note =
        failure != null
            ? "decomposition failed: " + failure
            : integer
                ? String.format(
                    Locale.ROOT,
                    "price-and-branch %s after %d round(s): integer objective %.6f EUR,"
                        + " bound %.6f EUR, certified gap %.3g",
                    certified ? "certified" : "not certified",
                    round,
                    objectiveEur,
                    lpBoundEur,
                    PriceDecomposition.certifiedGap(objectiveEur, lpBoundEur))
                : String.format(
                    Locale.ROOT,
                    "decomposition %s after %d round(s): objective %.6f EUR, LP bound %.6f EUR",
                    certified
                        ? String.format(
                            Locale.ROOT, "certified (gap <= %.3g)", Math.max(tolerance, 1e-9))
                        : "ended with a rounding gap",
                    round,
                    objectiveEur,
                    lpBoundEur);
    return new Outcome(
        Arrays.asList(finalSchedules), round - 1, failure == null && certified, note);
  }
}
