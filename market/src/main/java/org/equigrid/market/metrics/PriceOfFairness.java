package org.equigrid.market.metrics;

/**
 * The price of fairness of DESIGN.md section 3c (Bertsimas, Farias and Trichakis, 2011): the share
 * of the cooperative gain given up for fairness, {@code PoF = (v_cost(N) − v_{w,ρ}(N)) / v_cost(N)}
 * with {@code v_cost(N) = Σ_i C0_i − C*(N)} the gain of the cost-minimising dispatch (weights 1,
 * {@code ρ = 0}, peak charge included). Undefined when {@code v_cost(N) ≤ ε}: there is no gain to
 * give up, and dividing by a gain near zero gave shares above 100 %.
 */
public final class PriceOfFairness {

  private PriceOfFairness() {}

  /**
   * {@code priceOfFairnessEur / costMinimisingGainEur}, undefined when {@code costMinimisingGainEur
   * ≤ toleranceEur}.
   *
   * @param priceOfFairnessEur {@code v_cost(N) − v_{w,ρ}(N)} = dispatch cost − cost-minimising cost
   * @param costMinimisingGainEur {@code v_cost(N)}
   * @param toleranceEur {@code ε} (the scenario's {@code solver.epsilonEur})
   */
  public static Index ratio(
      double priceOfFairnessEur, double costMinimisingGainEur, double toleranceEur) {
    if (!(costMinimisingGainEur > toleranceEur) || !Double.isFinite(priceOfFairnessEur)) {
      return Index.undefined(
          UndefinedReasons.text(UndefinedReasons.NO_GAIN, costMinimisingGainEur, toleranceEur));
    }
    return Index.of(priceOfFairnessEur / costMinimisingGainEur);
  }

  /**
   * The run-level price of fairness, a ratio of sums: {@code Σ_d PoF_EUR,d / Σ_d v_cost,d} over the
   * days whose own price of fairness is defined (so a day without gain adds nothing to either sum).
   */
  public static Index ratioOfSums(Iterable<CommunityDayMetrics> days) {
    double given = 0;
    double gain = 0;
    int defined = 0;
    for (CommunityDayMetrics day : days) {
      if (day.priceOfFairness().defined()) {
        given += day.priceOfFairnessEur();
        gain += day.costMinimisingGainEur();
        defined++;
      }
    }
    return defined == 0 ? Index.undefined(UndefinedReasons.NO_DEFINED_DAY) : Index.of(given / gain);
  }
}
