package org.equigrid.market.negotiation;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.equigrid.market.model.Tariff;

/**
 * Price adjustment (tâtonnement): the coordinator announces pool prices, starting at mid-market;
 * households schedule against them and answer net profiles; the prices step toward a target ({@link
 * PriceUpdate}) by a step that shrinks each round. It stops when no price moves more than the
 * tolerance, or after the round limit, and awards the round whose net profiles cost the community
 * least (the last responses to prices are not always the best). A heuristic: no bound, no guarantee
 * of reaching the central optimum.
 */
public final class Tatonnement implements Mechanism {

  /**
   * @param priceToleranceEurPerKwh stop when no price moves more than this
   * @param maxRounds stop after this many rounds even without convergence
   * @param damping step toward the target, in (0, 1]; multiplied by {@code dampingDecay} each round
   * @param dampingDecay factor in (0, 1] applied to the step each round
   * @param priceUpdate what the prices step toward
   */
  public record Settings(
      double priceToleranceEurPerKwh,
      int maxRounds,
      double damping,
      double dampingDecay,
      PriceUpdate priceUpdate) {
    public Settings {
      Objects.requireNonNull(priceUpdate, "priceUpdate");
      if (!(priceToleranceEurPerKwh > 0) || maxRounds < 1) {
        throw new IllegalArgumentException(
            "need priceToleranceEurPerKwh ("
                + priceToleranceEurPerKwh
                + ") > 0 and maxRounds ("
                + maxRounds
                + ") >= 1");
      }
      if (!(damping > 0 && damping <= 1) || !(dampingDecay > 0 && dampingDecay <= 1)) {
        throw new IllegalArgumentException(
            "damping (" + damping + ") and dampingDecay (" + dampingDecay + ") must be in (0, 1]");
      }
    }

    /** 1e-3 EUR/kWh, 20 rounds, full steps toward the marginal prices shrinking by 0.8 a round. */
    public static Settings defaults() {
      return new Settings(1e-3, 20, 1.0, 0.8, PriceUpdate.MARGINAL);
    }
  }

  private final Settings settings;
  private final Tariff tariff;
  private final double intervalHours;
  private final int members;
  private final List<RoundRecord> log = new ArrayList<>();
  private double[] prices;
  private int round;
  private boolean finished;
  private boolean converged;
  private int bestRound;
  private double bestCostEur = Double.POSITIVE_INFINITY;
  private Answer[] bestAnswers;
  private final boolean[] dropped;

  /**
   * @param members how many households negotiate
   */
  public Tatonnement(Settings settings, Tariff tariff, double intervalHours, int members) {
    this.settings = Objects.requireNonNull(settings, "settings");
    this.tariff = tariff;
    this.intervalHours = intervalHours;
    this.members = members;
    this.prices = new double[tariff.intervals()];
    for (int t = 0; t < prices.length; t++) {
      prices[t] = (tariff.importPriceEurPerKwh()[t] + tariff.exportPriceEurPerKwh()[t]) / 2;
    }
    this.finished = members == 0;
    this.bestAnswers = new Answer[members];
    this.dropped = new boolean[members];
  }

  @Override
  public NegotiationName name() {
    return NegotiationName.TATONNEMENT;
  }

  @Override
  public int round() {
    return round;
  }

  /** The prices of the current round. */
  public double[] prices() {
    return prices.clone();
  }

  @Override
  public Signal[] announce() {
    Signal[] signals = new Signal[members];
    Signal.PoolPrices signal = new Signal.PoolPrices(prices.clone());
    for (int k = 0; k < members; k++) {
      signals[k] = dropped[k] ? null : signal;
    }
    return signals;
  }

  @Override
  public void update(Answer[] answers) {
    List<double[]> answered = new ArrayList<>();
    for (int k = 0; k < members; k++) {
      if (answers[k] == null) {
        dropped[k] = true;
      } else {
        answered.add(((Answer.NetProfile) answers[k]).netKwh());
      }
    }
    if (answered.isEmpty()) {
      // Nobody left to negotiate with: the day ends with what the best round had (if anything).
      log.add(RoundRecord.undefined(round, prices));
      finished = true;
      return;
    }
    double[][] nets = answered.toArray(double[][]::new);
    double roundCost = CommunityCost.ofNetProfiles(nets, tariff, intervalHours);
    if (!(roundCost >= bestCostEur - 1e-9)) {
      bestCostEur = roundCost;
      bestRound = round;
      bestAnswers = answers.clone();
    }
    double[] target =
        settings.priceUpdate() == PriceUpdate.MARGINAL
            ? CommunityCost.marginalPrices(nets, tariff, intervalHours)
            : CommunityCost.supplyDemandRatioPrices(
                nets, tariff.importPriceEurPerKwh(), tariff.exportPriceEurPerKwh());
    double step = settings.damping() * Math.pow(settings.dampingDecay(), round);
    double change = 0;
    double[] next = new double[prices.length];
    for (int t = 0; t < prices.length; t++) {
      next[t] = prices[t] + step * (target[t] - prices[t]);
      change = Math.max(change, Math.abs(next[t] - prices[t]));
    }
    double imbalance = 0;
    for (int t = 0; t < prices.length; t++) {
      double sum = 0;
      for (double[] row : nets) {
        sum += row[t];
      }
      imbalance += sum * sum;
    }
    log.add(
        new RoundRecord(
            round,
            prices.clone(),
            Math.sqrt(imbalance),
            change,
            roundCost,
            Double.NaN,
            roundCost,
            0,
            0));
    converged = change < settings.priceToleranceEurPerKwh();
    if (converged || round + 1 >= settings.maxRounds()) {
      finished = true;
      return;
    }
    prices = next;
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

  /** The community cost of the awarded round's net profiles. */
  public double bestCostEur() {
    return bestCostEur;
  }

  @Override
  public Outcome outcome() {
    if (!finished) {
      throw new IllegalStateException("the tâtonnement has not finished (round " + round + ")");
    }
    RoundRecord last = log.isEmpty() ? null : log.get(log.size() - 1);
    String note =
        String.format(
            Locale.ROOT,
            "prices %s after %d round(s), last change %.5f EUR/kWh; the bids of round %d cost the community least"
                + " (%.2f EUR)",
            converged ? "converged" : "stopped unconverged",
            round + 1,
            last == null ? 0.0 : last.dualResidualEurPerKwh(),
            bestRound,
            bestCostEur);
    Answer[] awarded = bestAnswers.clone();
    for (int k = 0; k < members; k++) {
      if (dropped[k]) {
        awarded[k] = null;
      }
    }
    return new Outcome(Arrays.asList(awarded), bestRound, converged, note);
  }
}
