package org.equigrid.market.negotiation;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.equigrid.market.model.Tariff;

/**
 * Exchange (sharing) ADMM (Boyd et al. 2011, section 7.3; for P2P markets Sorin, Bobo and Pinson
 * 2019). Each household's coupling vector is {@code a_i = (buy − sell, imp)} per interval; the
 * community couples them through the pool balance {@code Σ_i (buy − sell) = 0} and the peak charge
 * {@code πpk·max_t Σ_i imp/Δt}. Each round, in scaled form with {@code N} households:
 *
 * <ol>
 *   <li>household {@code i} solves its own day exactly against {@code w_i·C_i + ρ/2·‖a_i − (a_i^k −
 *       ā^k + z̄^k − u^k)‖²} ({@link LocalHousehold}); the coordinator sends only the shift {@code
 *       z̄ − ā − u}, the same for everyone, and the household adds its own last answer;
 *   <li>{@code z̄_pool = 0}; {@code z̄_imp = prox} of {@code λ·max(0, max_t ·)} at {@code ā_imp +
 *       u_imp}, {@code λ = πpk/(ρ·Δt)} (Moreau: {@code v − λ·P(v/λ)}, {@code P} the projection on
 *       {@code {x ≥ 0, Σx ≤ 1}});
 *   <li>{@code u += ā − z̄}; the pool price is {@code p + ρ·u_pool}.
 * </ol>
 *
 * It stops when the primal residual {@code ‖Σ_i a_i − N·z̄‖₂} and the dual residual {@code
 * ρ·‖z^{k+1} − z^k‖₂} (over the households' local copies {@code z_i = a_i − ā + z̄}) are both
 * within their tolerances, or after the round limit. {@code ρ} adapts by residual balancing (Boyd
 * section 3.4.1) during the first rounds only, so that convergence is not disturbed later.
 *
 * <p>Optionally ({@link AdmmSettings#accelerated}, off by default: not better on every measured
 * day) the fast ADMM with restarts of Goldstein, O'Donoghue, Setzer and Baraniuk (2014, algorithm
 * 8): the households are sent extrapolated local copies {@code ẑ_i} and dual {@code û} (Nesterov
 * momentum), each its own shift {@code ẑ_i − û − a_i^k}; the momentum restarts from the previous
 * iterates whenever the combined residual does not fall by the factor {@link #RESTART}, and after
 * each change of ρ. Its dual residual is {@code ρ·‖z − ẑ‖₂}; the stopping test and the award are
 * the plain ones.
 *
 * <p>By default over-relaxed ({@link AdmmSettings#relaxation} α = 1.5, Boyd section 3.4.3: steps 2
 * and 3 use {@code α·a_i + (1 − α)·z_i} in place of {@code a_i}, so each household gets its own
 * shift {@code z_i − u − a_i}). By default too (session 11) the award is averaged over the last 20
 * rounds ({@link AdmmSettings#averagedRounds}) and whoever drives the days starts each from the
 * previous day's end ({@link AdmmSettings#warmStart}, {@link #startFrom}).
 *
 * <p>Guarantee: for the convex problem (binaries relaxed) ADMM converges to the central LP optimum;
 * a finite run is within its residuals. The last schedules are awarded after a restoration that
 * makes them feasible: where the pool does not balance, the excess purchases become imports and the
 * excess sales exports (pro rata). With a Rawlsian floor ({@link AdmmFloor}) the floor is a
 * coupling row with its own multipliers ({@link FloorConsensus}): each protected household keeps
 * its own copy of the floor against its own standalone cost, the coordinator the common floor.
 *
 * <p>The iterates and the arithmetic of a round (the steps, the residual balancing of {@code ρ},
 * the acceleration) are {@link AdmmIterates}; here is the protocol around them: the signals, the
 * answers, the award and its window, the log and when to stop. What is pure lives apart too: the
 * settings ({@link AdmmSettings}), the warm start ({@link AdmmWarmStart}) and the award and its
 * objective ({@link AdmmAward}).
 */
public final class ExchangeAdmm implements Mechanism {

  /**
   * The accelerated variant restarts unless the combined residual falls below this times the last.
   */
  public static final double RESTART = 0.999;

  private final AdmmSettings settings;
  private final Tariff tariff;
  private final double intervalHours;
  private final double[] weight;
  private final double[] poolPrice;
  private final int members;
  private final int intervals;
  private final boolean[] dropped;
  private final Answer.Schedule[] last;
  private final AdmmIterates iterates;
  private final FloorConsensus floor; // null: no Rawlsian floor
  private final List<RoundRecord> log = new ArrayList<>();
  // The answers of the last averagedRounds rounds, oldest first (member order; null: dropped).
  private final ArrayDeque<Answer.Schedule[]> window = new ArrayDeque<>();
  private int round;
  private boolean finished;
  private boolean warmStarted;
  private boolean converged;
  private Answer[] award;

  /**
   * @param weightByMember the households' objective weights {@code w[g(i)]}
   * @param poolPriceEurPerKwh the pool price {@code p[t]} of the households' costs
   */
  public ExchangeAdmm(
      AdmmSettings settings,
      Tariff tariff,
      double intervalHours,
      double[] weightByMember,
      double[] poolPriceEurPerKwh) {
    this(settings, tariff, intervalHours, weightByMember, poolPriceEurPerKwh, null);
  }

  /**
   * ADMM of the weighted objective with the Rawlsian floor as a coupling row ({@link
   * FloorConsensus}).
   *
   * @param floor the floor, or null for none (as the other constructor)
   */
  public ExchangeAdmm(
      AdmmSettings settings,
      Tariff tariff,
      double intervalHours,
      double[] weightByMember,
      double[] poolPriceEurPerKwh,
      AdmmFloor floor) {
    if (floor != null && floor.protectedMember().length != weightByMember.length) {
      throw new IllegalArgumentException(
          "the floor has "
              + floor.protectedMember().length
              + " members, the weights "
              + weightByMember.length);
    }
    this.floor = floor == null ? null : new FloorConsensus(floor, tariff, poolPriceEurPerKwh);
    this.settings = Objects.requireNonNull(settings, "settings");
    this.tariff = tariff;
    this.intervalHours = intervalHours;
    this.weight = weightByMember.clone();
    this.poolPrice = poolPriceEurPerKwh.clone();
    this.members = weight.length;
    this.intervals = tariff.intervals();
    this.dropped = new boolean[members];
    this.last = new Answer.Schedule[members];
    this.iterates = new AdmmIterates(settings, tariff, intervalHours, members);
    this.finished = members == 0;
    this.award = new Answer[members];
  }

  @Override
  public NegotiationName name() {
    return NegotiationName.ADMM;
  }

  @Override
  public int round() {
    return round;
  }

  /**
   * Starts from where another day's negotiation ended ({@link #endState}) instead of {@code u = 0},
   * {@code z̄ = 0} and the initial {@code ρ}: the same intervals, before the first announcement.
   * The households' local copies {@code z_i} start at the end's, so each household is sent its own
   * shift {@code z_i − u − a_i} (as over-relaxed) from the first round on.
   */
  public ExchangeAdmm startFrom(AdmmWarmStart start) {
    start.checkFits(round == 0 && log.isEmpty(), round, intervals, members);
    iterates.startFrom(start);
    warmStarted = true;
    return this;
  }

  /** Where this negotiation stands (at its end: where it ended), for a next day's warm start. */
  public AdmmWarmStart endState() {
    return iterates.endState();
  }

  /** The settings it runs with. */
  public AdmmSettings settings() {
    return settings;
  }

  /** The current penalty ρ (EUR per kWh²). */
  public double rho() {
    return iterates.rho();
  }

  @Override
  public Signal[] announce() {
    Signal[] signals = new Signal[members];
    if (finished) {
      return signals;
    }
    if (settings.accelerated() || settings.relaxation() != 1 || warmStarted) {
      return announceOwnShifts(signals);
    }
    double[][] shift = iterates.commonShift(means());
    for (int k = 0; k < members; k++) {
      if (!dropped[k]) {
        signals[k] =
            new Signal.ProximalPrices(
                shift[0].clone(),
                shift[1].clone(),
                iterates.rho(),
                weight[k],
                poolPrice.clone(),
                floorTarget(k));
      }
    }
    return signals;
  }

  /** Each household's own shift ({@link AdmmIterates#ownShift}). */
  private Signal[] announceOwnShifts(Signal[] signals) {
    for (int k = 0; k < members; k++) {
      if (dropped[k]) {
        continue;
      }
      double[][] shift = iterates.ownShift(k, last[k]);
      signals[k] =
          new Signal.ProximalPrices(
              shift[0], shift[1], iterates.rho(), weight[k], poolPrice.clone(), floorTarget(k));
    }
    return signals;
  }

  private Double floorTarget(int k) {
    return floor == null ? null : floor.target(k);
  }

  /** {@code ā} of the pool part ([0]) and of the imports ([1]) over the households still in. */
  private double[][] means() {
    double[][] mean = new double[2][intervals];
    int count = 0;
    for (int k = 0; k < members; k++) {
      if (dropped[k] || last[k] == null) {
        continue;
      }
      count++;
      for (int t = 0; t < intervals; t++) {
        mean[0][t] += last[k].buyKwh()[t] - last[k].sellKwh()[t];
        mean[1][t] += last[k].importKwh()[t];
      }
    }
    for (int t = 0; t < intervals && count > 0; t++) {
      mean[0][t] /= count;
      mean[1][t] /= count;
    }
    return mean;
  }

  private int active() {
    int count = 0;
    for (boolean d : dropped) {
      count += d ? 0 : 1;
    }
    return count;
  }

  @Override
  public void update(Answer[] answers) {
    for (int k = 0; k < members; k++) {
      if (!dropped[k]) {
        if (answers[k] == null) {
          dropped[k] = true;
          last[k] = null;
        } else {
          last[k] = (Answer.Schedule) answers[k];
        }
      }
    }
    int n = active();
    if (n == 0) {
      log.add(RoundRecord.undefined(round, iterates.poolPrices(poolPrice)));
      finished = true;
      award = new Answer[members];
      return;
    }
    double[][] mean = means();
    double[] residuals = iterates.step(mean, n, last, dropped);
    double primal = residuals[0];
    double dual = residuals[1];
    int underFloor = 0;
    if (floor != null) {
      double[] floorResiduals = floor.step(last, dropped, settings.relaxation(), iterates.rho());
      primal = Math.sqrt(primal * primal + floorResiduals[0]);
      dual = Math.sqrt(dual * dual + iterates.rho() * iterates.rho() * floorResiduals[1]);
      underFloor = floor.count(dropped);
    }
    window.addLast(last.clone());
    if (window.size() > settings.averagedRounds()) {
      window.removeFirst();
    }
    double scale = Math.sqrt(2.0 * intervals * n + underFloor);
    converged =
        round > 0
            && primal <= settings.primalToleranceKwh() * scale
            && dual <= settings.dualToleranceEurPerKwh() * scale;
    // Converged, the residuals certify the last answers: those are awarded, not the window's mean.
    Answer.Schedule[] restored =
        AdmmAward.restore(
            settings.averagedRounds() == 1 || converged
                ? last
                : AdmmAward.mean(window, dropped, intervals),
            dropped,
            intervals);
    double objective = AdmmAward.objective(restored, weight, poolPrice, tariff, intervalHours);
    if (floor != null) {
      double least = floor.floorOf(restored);
      objective -= Double.isNaN(least) ? 0 : floor.strengthEur() * least;
    }
    double[][] nets = new double[n][];
    for (int k = 0, j = 0; k < members; k++) {
      if (!dropped[k]) {
        nets[j++] = last[k].netKwh();
      }
    }
    double community = CommunityCost.ofNetProfiles(nets, tariff, intervalHours);
    log.add(
        new RoundRecord(
            round,
            iterates.poolPrices(poolPrice),
            primal,
            dual,
            objective,
            Double.NaN,
            community,
            0,
            0));
    award = restored;
    if (converged || round + 1 >= settings.maxRounds()) {
      finished = true;
      return;
    }
    if (round < settings.adaptiveRounds()) {
      double factor = iterates.balance(primal, dual);
      if (floor != null) {
        floor.rescale(factor);
      }
    }
    round++;
  }

  @Override
  public boolean finished() {
    return finished;
  }

  @Override
  public List<RoundRecord> rounds() {
    return List.copyOf(log);
  }

  @Override
  public Outcome outcome() {
    if (!finished) {
      throw new IllegalStateException("ADMM has not finished (round " + round + ")");
    }
    RoundRecord end = log.isEmpty() ? null : log.get(log.size() - 1);
    String note =
        end == null
            ? "ADMM had nobody to negotiate with"
            : String.format(
                    Locale.ROOT,
                    "%s %s after %d round(s): primal residual %.3g kWh, dual residual %.3g EUR/kWh,"
                        + " rho %.3g EUR/kWh2",
                    settings.accelerated()
                        ? "accelerated ADMM (" + iterates.restarts() + " restart(s))"
                        : settings.relaxation() != 1
                            ? String.format(
                                Locale.ROOT, "ADMM (over-relaxation %.3g)", settings.relaxation())
                            : "ADMM",
                    converged ? "converged" : "stopped at the round limit",
                    round + 1,
                    end.primalResidualKwh(),
                    end.dualResidualEurPerKwh(),
                    iterates.rho())
                + (floor == null
                    ? ""
                    : String.format(Locale.ROOT, ", Rawlsian floor %.4g", floor.zeta()))
                + (settings.averagedRounds() > 1 && !converged
                    ? String.format(
                        Locale.ROOT,
                        ", awarding the mean of the last %d round(s)",
                        Math.min(settings.averagedRounds(), window.size()))
                    : "")
                + relaxedNote();
    return new Outcome(Arrays.asList(award), round, converged, note);
  }

  /** What the note says of directions the award relaxes (empty when none). */
  private String relaxedNote() {
    double[] relaxed = AdmmAward.relaxedDirections(award);
    return relaxed[0] == 0
        ? ""
        : String.format(
            Locale.ROOT,
            "; the award relaxes %d direction(s), at most %.3g kWh (a household drawing and"
                + " giving, or charging and discharging, in one interval: not feasible for the"
                + " MILP)",
            (int) relaxed[0],
            relaxed[1]);
  }
}
