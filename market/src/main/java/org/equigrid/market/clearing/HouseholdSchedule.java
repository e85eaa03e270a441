package org.equigrid.market.clearing;

/**
 * One household's dispatch for the day, per interval, in kWh (DESIGN.md section 2 variables). Buy
 * and sell are netted: a household is a net buyer or a net seller in an interval, never both.
 *
 * @param householdIndex index into the day's households
 * @param importKwh {@code imp}
 * @param exportKwh {@code exp}
 * @param buyKwh {@code buy} from the pool
 * @param sellKwh {@code sell} to the pool
 * @param chargeKwh {@code ch}
 * @param dischargeKwh {@code dis}
 * @param socKwh state of charge at the end of each interval (0 without battery)
 * @param curtailKwh {@code cur}
 * @param energyCostEur {@code C_i = Σ_t (πimp·imp − πexp·exp + p·(buy − sell))}
 * @param flexKwh the flexible load {@code flex} (docs/model.md, "Flexible demand"): the EV's
 *     charging plus the deferrable appliances while they run (0 without flexible demand), served by
 *     the flows above and so paid in {@code energyCostEur}
 */
public record HouseholdSchedule(
    int householdIndex,
    double[] importKwh,
    double[] exportKwh,
    double[] buyKwh,
    double[] sellKwh,
    double[] chargeKwh,
    double[] dischargeKwh,
    double[] socKwh,
    double[] curtailKwh,
    double energyCostEur,
    double[] flexKwh) {

  /** A schedule without flexible load ({@code flexKwh} all 0). */
  public HouseholdSchedule(
      int householdIndex,
      double[] importKwh,
      double[] exportKwh,
      double[] buyKwh,
      double[] sellKwh,
      double[] chargeKwh,
      double[] dischargeKwh,
      double[] socKwh,
      double[] curtailKwh,
      double energyCostEur) {
    this(
        householdIndex,
        importKwh,
        exportKwh,
        buyKwh,
        sellKwh,
        chargeKwh,
        dischargeKwh,
        socKwh,
        curtailKwh,
        energyCostEur,
        new double[importKwh.length]);
  }

  /** The load served in interval {@code t}: the fixed load plus the flexible load (kWh). */
  public double servedLoadKwh(double fixedLoadKwh, int t) {
    return fixedLoadKwh + flexKwh[t];
  }
}
