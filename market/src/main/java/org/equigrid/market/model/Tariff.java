package org.equigrid.market.model;

/**
 * The grid tariff of one day, per interval (DESIGN.md section 1).
 *
 * <p>The arrays are copied on construction; callers must not modify the arrays the accessors
 * return.
 *
 * @param importPriceEurPerKwh {@code πimp[t]}
 * @param exportPriceEurPerKwh {@code πexp[t] <= πimp[t]}
 * @param peakChargeEurPerKw {@code πpk}, per kW of the highest import of the day
 * @param importLimitKw connection import limit {@code Kimp} of each household
 * @param exportLimitKw connection export limit {@code Kexp} of each household
 */
public record Tariff(
    double[] importPriceEurPerKwh,
    double[] exportPriceEurPerKwh,
    double peakChargeEurPerKw,
    double importLimitKw,
    double exportLimitKw) {

  public Tariff {
    importPriceEurPerKwh = importPriceEurPerKwh.clone();
    exportPriceEurPerKwh = exportPriceEurPerKwh.clone();
    if (importPriceEurPerKwh.length != exportPriceEurPerKwh.length) {
      throw new IllegalArgumentException("import and export price series differ in length");
    }
    for (int t = 0; t < importPriceEurPerKwh.length; t++) {
      if (exportPriceEurPerKwh[t] > importPriceEurPerKwh[t]) {
        throw new IllegalArgumentException(
            "exportPriceEurPerKwh["
                + t
                + "] ("
                + exportPriceEurPerKwh[t]
                + ") must not exceed importPriceEurPerKwh["
                + t
                + "] ("
                + importPriceEurPerKwh[t]
                + ")");
      }
    }
    if (!(peakChargeEurPerKw >= 0)) {
      throw new IllegalArgumentException(
          "peakChargeEurPerKw (" + peakChargeEurPerKw + ") must be >= 0");
    }
    if (!(importLimitKw > 0) || !(exportLimitKw >= 0)) {
      throw new IllegalArgumentException(
          "importLimitKw ("
              + importLimitKw
              + ") must be > 0 and exportLimitKw ("
              + exportLimitKw
              + ") >= 0");
    }
  }

  public int intervals() {
    return importPriceEurPerKwh.length;
  }
}
