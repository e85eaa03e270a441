package org.equigrid.market.negotiation;

/**
 * What the coordinator sends one household in a round: prices, never other households' data. Arrays
 * are per interval of the day.
 */
public sealed interface Signal {

  /** Tâtonnement: the pool price the household schedules against. */
  record PoolPrices(double[] poolPriceEurPerKwh) implements Signal {}

  /**
   * Exchange ADMM: the household minimises its own weighted cost plus {@code ρ/2·‖a − (a_prev +
   * shift)‖²}, where {@code a = (buy − sell, imp)} per interval is its coupling vector, {@code
   * a_prev} its own previous answer (it keeps it; zero in round 0), and the shifts are the same for
   * every household.
   *
   * @param poolShiftKwh per interval: {@code z̄ − ā − u} of the pool balance
   * @param importShiftKwh per interval: {@code z̄ − ā − u} of the community import (the peak row)
   * @param rhoEurPerKwh2 the penalty {@code ρ} (EUR per kWh²)
   * @param weight the household's objective weight {@code w[g(i)]}
   * @param poolPriceEurPerKwh the pool price {@code p[t]} of the household's cost (the pricing
   *     rule's)
   * @param floorTargetSaving a protected household's target {@code ζ − v_i} for its copy of the
   *     Rawlsian floor, a relative saving (docs/negotiation.md, "The Rawlsian floor in ADMM"); null
   *     when the household is not under the floor
   */
  record ProximalPrices(
      double[] poolShiftKwh,
      double[] importShiftKwh,
      double rhoEurPerKwh2,
      double weight,
      double[] poolPriceEurPerKwh,
      Double floorTargetSaving)
      implements Signal {

    /** The signal of a household that is not under the Rawlsian floor. */
    public ProximalPrices(
        double[] poolShiftKwh,
        double[] importShiftKwh,
        double rhoEurPerKwh2,
        double weight,
        double[] poolPriceEurPerKwh) {
      this(poolShiftKwh, importShiftKwh, rhoEurPerKwh2, weight, poolPriceEurPerKwh, null);
    }
  }

  /**
   * Price decomposition: the cost of each flow per kWh (the master's duals folded into the weighted
   * tariff), which intervals the pool is open in, and the fixed directions of the rounding passes.
   *
   * @param tradeOpen per interval: whether pool purchases and sales are allowed
   * @param chargeDirection per interval: 1 only charge, −1 only discharge, 0 free
   * @param gridDirection per interval: 1 only draw (import, buy), −1 only give (export, sell,
   *     curtail), 0 free
   * @param integer whether the household answers its exact MILP (one-meter and battery directions
   *     binary; price-and-branch of the weighted objective, or a day with deferrable appliances)
   *     instead of its LP relaxation
   * @param fixedStarts the interval each of its deferrable appliances must start in (a dive of the
   *     decomposition with appliances), or null: free
   */
  record ColumnPrices(
      double[] importCostEurPerKwh,
      double[] exportCostEurPerKwh,
      double[] buyCostEurPerKwh,
      double[] sellCostEurPerKwh,
      boolean[] tradeOpen,
      byte[] chargeDirection,
      byte[] gridDirection,
      boolean integer,
      int[] fixedStarts)
      implements Signal {

    /** The prices of a column of the relaxation ({@code integer} false). */
    public ColumnPrices(
        double[] importCostEurPerKwh,
        double[] exportCostEurPerKwh,
        double[] buyCostEurPerKwh,
        double[] sellCostEurPerKwh,
        boolean[] tradeOpen,
        byte[] chargeDirection,
        byte[] gridDirection) {
      this(
          importCostEurPerKwh,
          exportCostEurPerKwh,
          buyCostEurPerKwh,
          sellCostEurPerKwh,
          tradeOpen,
          chargeDirection,
          gridDirection,
          false,
          null);
    }
  }

  /** How many numbers the signal carries (the payload of its message). */
  default int numbers() {
    if (this instanceof PoolPrices p) {
      return p.poolPriceEurPerKwh().length;
    }
    if (this instanceof ProximalPrices p) {
      return p.poolShiftKwh().length
          + p.importShiftKwh().length
          + p.poolPriceEurPerKwh().length
          + 2
          + (p.floorTargetSaving() == null ? 0 : 1);
    }
    return 7 * ((ColumnPrices) this).importCostEurPerKwh().length;
  }
}
