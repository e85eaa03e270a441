package org.equigrid.config;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.equigrid.config.profile.SolarModel;
import org.equigrid.config.profile.SyntheticLoad;

/**
 * The profiles of a scenario: synthetic or from CSV, per quantity. A day is computed on first use
 * from the seed and the day index alone (so any day can be had without the others) and the last few
 * days are kept.
 */
final class ProfileBook implements Scenario.Profiles {
  private static final int CACHED_DAYS = 8;

  /**
   * Series read from CSV, already at the scenario's interval length.
   *
   * @param byKey kWh (or kWh per kWp) per interval for each data key
   * @param perKwp whether values are per kWp (PV) and scale with the household's pvKwp
   * @param firstDayOfYear day of the year of the series' first day
   */
  record CsvData(Map<String, double[]> byKey, boolean perKwp, int firstDayOfYear) {}

  private final List<Member> members;
  private final long seed;
  private final int startDayOfYear;
  private final int intervalsPerDay;
  private final SyntheticLoad syntheticLoad;
  private final SolarModel solar;
  private final CsvData loadData;
  private final CsvData pvData;
  private final Map<Integer, double[][][]> cache =
      new LinkedHashMap<>(16, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<Integer, double[][][]> eldest) {
          return size() > CACHED_DAYS;
        }
      };

  ProfileBook(
      List<Member> members,
      long seed,
      int startDayOfYear,
      int intervalsPerDay,
      SyntheticLoad syntheticLoad,
      SolarModel solar,
      CsvData loadData,
      CsvData pvData) {
    this.members = List.copyOf(members);
    this.seed = seed;
    this.startDayOfYear = startDayOfYear;
    this.intervalsPerDay = intervalsPerDay;
    this.syntheticLoad = syntheticLoad;
    this.solar = solar;
    this.loadData = loadData;
    this.pvData = pvData;
  }

  @Override
  public double[][] loadKwh(int dayIndex) {
    return copy(day(dayIndex)[0]);
  }

  @Override
  public double[][] pvKwh(int dayIndex) {
    return copy(day(dayIndex)[1]);
  }

  private synchronized double[][][] day(int dayIndex) {
    return cache.computeIfAbsent(dayIndex, this::compute);
  }

  private double[][][] compute(int dayIndex) {
    int dayOfYear = Math.floorMod(startDayOfYear - 1 + dayIndex, 365) + 1;
    int n = members.size();
    double[][] load = new double[n][];
    double[][] pv = new double[n][];
    double[] pvPerKwp =
        pvData == null ? solar.dayKwhPerKwp(seed, dayIndex, dayOfYear, intervalsPerDay) : null;
    for (int i = 0; i < n; i++) {
      Member member = members.get(i);
      String id = member.household().id();
      load[i] =
          loadData == null
              ? syntheticLoad.dayKwh(
                  seed,
                  id,
                  member.annualLoadKwh(),
                  member.shape(),
                  dayIndex,
                  dayOfYear,
                  intervalsPerDay)
              : slice(loadData, member.dataKey(), dayIndex, 1.0);
      double kwp = member.household().pvKwp();
      if (kwp <= 0) {
        pv[i] = new double[intervalsPerDay];
      } else if (pvData == null) {
        pv[i] = scale(pvPerKwp, kwp);
      } else {
        pv[i] = slice(pvData, member.dataKey(), dayIndex, pvData.perKwp() ? kwp : 1.0);
      }
    }
    return new double[][][] {load, pv};
  }

  /** One day of a CSV series; the series wraps around at its end; negatives become 0. */
  private double[] slice(CsvData data, String key, int dayIndex, double factor) {
    double[] series = data.byKey().get(key);
    int seriesDays = series.length / intervalsPerDay;
    int day = Math.floorMod(startDayOfYear - data.firstDayOfYear() + dayIndex, seriesDays);
    double[] result = new double[intervalsPerDay];
    for (int t = 0; t < intervalsPerDay; t++) {
      result[t] = Math.max(0.0, series[day * intervalsPerDay + t] * factor);
    }
    return result;
  }

  private static double[] scale(double[] values, double factor) {
    double[] result = new double[values.length];
    for (int t = 0; t < values.length; t++) {
      result[t] = values[t] * factor;
    }
    return result;
  }

  private static double[][] copy(double[][] rows) {
    double[][] result = new double[rows.length][];
    for (int i = 0; i < rows.length; i++) {
      result[i] = rows[i].clone();
    }
    return result;
  }
}
