package org.equigrid.market.negotiation;

/**
 * Where a day's negotiation ended, for the next day's to start from (the coordinator remembers
 * yesterday): the penalty, the scaled duals as prices, the mean import and each household's local
 * copies {@code z_i} (its consensus pool trade and import). Only the coordinator's own state;
 * nothing a household sent beyond what every round reveals.
 *
 * @param rhoEurPerKwh2 {@code ρ} at the end
 * @param poolDualEurPerKwh {@code ρ·u_pool} per interval (the pool price less {@code p})
 * @param importDualEurPerKwh {@code ρ·u_import} per interval (the peak's price on imports)
 * @param meanImportKwh {@code z̄_import} per interval, kWh per household
 * @param localPoolKwh per member, {@code z_i} of its net pool purchase per interval
 * @param localImportKwh per member, {@code z_i} of its import per interval
 */
public record AdmmWarmStart(
    double rhoEurPerKwh2,
    double[] poolDualEurPerKwh,
    double[] importDualEurPerKwh,
    double[] meanImportKwh,
    double[][] localPoolKwh,
    double[][] localImportKwh) {
  public AdmmWarmStart {
    if (!(rhoEurPerKwh2 > 0)
        || poolDualEurPerKwh.length != importDualEurPerKwh.length
        || poolDualEurPerKwh.length != meanImportKwh.length
        || localPoolKwh.length != localImportKwh.length) {
      throw new IllegalArgumentException(
          "a warm start needs rho ("
              + rhoEurPerKwh2
              + ") > 0 and as many pool duals ("
              + poolDualEurPerKwh.length
              + "), import duals ("
              + importDualEurPerKwh.length
              + ") and mean imports ("
              + meanImportKwh.length
              + "), and as many local pool copies ("
              + localPoolKwh.length
              + ") as import copies ("
              + localImportKwh.length
              + ")");
    }
    poolDualEurPerKwh = poolDualEurPerKwh.clone();
    importDualEurPerKwh = importDualEurPerKwh.clone();
    meanImportKwh = meanImportKwh.clone();
    localPoolKwh = deepCopy(localPoolKwh);
    localImportKwh = deepCopy(localImportKwh);
  }

  /**
   * Throws unless this start fits an ADMM that has not run a round yet ({@code fresh}; at {@code
   * round}) over {@code intervals} intervals and {@code members} members.
   */
  void checkFits(boolean fresh, int round, int intervals, int members) {
    if (!fresh || poolDualEurPerKwh.length != intervals || localPoolKwh.length != members) {
      throw new IllegalStateException(
          "a warm start needs a fresh ADMM (round "
              + round
              + ") over as many intervals ("
              + intervals
              + ") as the start ("
              + poolDualEurPerKwh.length
              + ") and members ("
              + members
              + ") as the start's ("
              + localPoolKwh.length
              + ")");
    }
    for (int k = 0; k < members; k++) {
      if (localPoolKwh[k].length != intervals || localImportKwh[k].length != intervals) {
        throw new IllegalStateException(
            "the warm start's local copies of member "
                + k
                + " are not over "
                + intervals
                + " intervals");
      }
    }
  }

  private static double[][] deepCopy(double[][] rows) {
    double[][] out = new double[rows.length][];
    for (int k = 0; k < rows.length; k++) {
      out[k] = rows[k].clone();
    }
    return out;
  }

  @Override
  public double[][] localPoolKwh() {
    return deepCopy(localPoolKwh);
  }

  @Override
  public double[][] localImportKwh() {
    return deepCopy(localImportKwh);
  }

  @Override
  public double[] poolDualEurPerKwh() {
    return poolDualEurPerKwh.clone();
  }

  @Override
  public double[] importDualEurPerKwh() {
    return importDualEurPerKwh.clone();
  }

  @Override
  public double[] meanImportKwh() {
    return meanImportKwh.clone();
  }
}
