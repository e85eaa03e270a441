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
    ModelValidation.tariff(
        importPriceEurPerKwh,
        exportPriceEurPerKwh,
        peakChargeEurPerKw,
        importLimitKw,
        exportLimitKw);
  }

  public int intervals() {
    return importPriceEurPerKwh.length;
  }
}
