package org.equigrid.market.negotiation;

/**
 * What one household answers to a {@link Signal}: its own schedule, nothing more. Arrays per
 * interval, kWh.
 */
public sealed interface Answer {

  /** Tâtonnement: the household's net profile (import minus export, negative when it feeds in). */
  record NetProfile(double[] netKwh, double[] chargeKwh, double[] dischargeKwh) implements Answer {}

  /**
   * ADMM and decomposition: the household's whole schedule (a column of the master).
   *
   * @param socKwh state of charge at the end of each interval (zeros without battery)
   * @param flexKwh the household's flexible load per interval (docs/model.md, "Flexible demand":
   *     its EV's charging, its appliances while they run), served by the flows above; null for a
   *     household without flexible demand (it sends nothing more than before)
   * @param applianceStarts the interval each of its deferrable appliances starts in, in its
   *     declared order, where the schedule is from its MILP (the decomposition's integer columns);
   *     null otherwise
   */
  record Schedule(
      double[] importKwh,
      double[] exportKwh,
      double[] buyKwh,
      double[] sellKwh,
      double[] curtailKwh,
      double[] chargeKwh,
      double[] dischargeKwh,
      double[] socKwh,
      double[] flexKwh,
      int[] applianceStarts)
      implements Answer {

    /** {@link #flexKwh}, or zeros where the household has no flexible demand. */
    public double[] flexOrZeroKwh() {
      return flexKwh == null ? new double[importKwh.length] : flexKwh;
    }

    /** Import plus purchases minus export and sales per interval. */
    public double[] netKwh() {
      double[] net = new double[importKwh.length];
      for (int t = 0; t < net.length; t++) {
        net[t] = importKwh[t] + buyKwh[t] - exportKwh[t] - sellKwh[t];
      }
      return net;
    }
  }

  /** How many numbers the answer carries (the payload of its message). */
  default int numbers() {
    return this instanceof NetProfile p
        ? 3 * p.netKwh().length
        : (((Schedule) this).flexKwh() == null ? 8 : 9) * ((Schedule) this).importKwh().length
            + (((Schedule) this).applianceStarts() == null
                ? 0
                : ((Schedule) this).applianceStarts().length);
  }
}
