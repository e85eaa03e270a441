package org.equigrid.config;

import org.equigrid.market.model.Tariff;

/**
 * The grid tariff over the horizon: an import price per interval of the day (from hour-of-day
 * periods or a flat price) or a price series from CSV, and flat export price, peak charge and
 * connection limits.
 *
 * @param importOfDay import price per interval of every day, or {@code null} when {@code series}
 * @param series import price per interval from CSV, at the scenario's interval length, or null
 * @param seriesFirstDayOfYear day of the year of the series' first day
 */
record TariffPlan(
    double[] importOfDay,
    double[] series,
    int seriesFirstDayOfYear,
    double exportPriceEurPerKwh,
    double peakChargeEurPerKw,
    double importLimitKw,
    double exportLimitKw,
    int startDayOfYear,
    int intervalsPerDay)
    implements Scenario.TariffSchedule {

  @Override
  public Tariff forDay(int dayIndex) {
    double[] imports = new double[intervalsPerDay];
    if (importOfDay != null) {
      System.arraycopy(importOfDay, 0, imports, 0, intervalsPerDay);
    } else {
      int seriesDays = series.length / intervalsPerDay;
      int day = Math.floorMod(startDayOfYear - seriesFirstDayOfYear + dayIndex, seriesDays);
      System.arraycopy(series, day * intervalsPerDay, imports, 0, intervalsPerDay);
    }
    double[] exports = new double[intervalsPerDay];
    java.util.Arrays.fill(exports, exportPriceEurPerKwh);
    return new Tariff(imports, exports, peakChargeEurPerKw, importLimitKw, exportLimitKw);
  }

  /** The lowest import price over the whole plan. */
  double lowestImportEurPerKwh() {
    double[] values = importOfDay != null ? importOfDay : series;
    double lowest = Double.POSITIVE_INFINITY;
    for (double value : values) {
      lowest = Math.min(lowest, value);
    }
    return lowest;
  }
}
