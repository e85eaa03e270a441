package org.equigrid.config;

import static org.equigrid.config.ScenarioKeys.NON_NEGATIVE;
import static org.equigrid.config.ScenarioKeys.POSITIVE;
import static org.equigrid.config.ScenarioKeys.PRICE;
import static org.equigrid.config.ScenarioKeys.between;
import static org.equigrid.config.ScenarioKeys.group;
import static org.equigrid.config.ScenarioKeys.integer;
import static org.equigrid.config.ScenarioKeys.num;
import static org.equigrid.config.ScenarioKeys.optionalNum;
import static org.equigrid.config.ScenarioKeys.requiredNum;
import static org.equigrid.config.ScenarioKeys.requiredText;

import com.fasterxml.jackson.databind.node.ArrayNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.equigrid.config.HorizonBinder.Horizon;
import org.equigrid.config.ScenarioKey.Group;
import org.equigrid.config.ScenarioKey.Items;
import org.equigrid.config.ScenarioKey.Num;
import org.equigrid.config.ScenarioKey.Text;
import org.equigrid.config.ScenarioKey.Whole;
import org.equigrid.config.profile.CsvSeries;
import org.equigrid.config.profile.ProfileDataException;
import org.equigrid.config.profile.Resampler;

/**
 * Reads {@code tariff}: the import price (hour-of-day periods, one flat price or a price series
 * from CSV, exactly one), the export price, the peak charge and the connection limits. The tariff
 * key table is here.
 */
final class TariffBinder {
  private final Problems problems;
  private final BaseDir baseDir;

  TariffBinder(Problems problems, BaseDir baseDir) {
    this.problems = problems;
    this.baseDir = baseDir;
  }

  /** {@code tariff}. */
  static final class TariffKeys {
    /** Evening-peak time of use: {fromHour, toHour, EUR/kWh}. */
    static final double[][] DEFAULT_PERIODS = {
      {0, 7, 0.22}, {7, 17, 0.30}, {17, 21, 0.42}, {21, 24, 0.30}
    };

    static final Num FROM_HOUR =
        requiredNum("fromHour", between(0, 24), "h", "start hour, inclusive");
    static final Num TO_HOUR =
        requiredNum("toHour", between(0, 24), "h", "end hour, exclusive; > fromHour");
    static final Num PERIOD_PRICE =
        requiredNum("priceEurPerKwh", PRICE, "EUR/kWh", "import price of the period");
    static final Items IMPORT_PERIODS =
        new Items(
            "importPeriods",
            List.of(FROM_HOUR, TO_HOUR, PERIOD_PRICE),
            null,
            "periods covering [0, 24) h without gaps or overlaps; an interval takes the price of the period holding its"
                + " start",
            "evening peak: 0–7 h 0.22, 7–17 h 0.30, 17–21 h 0.42, 21–24 h 0.30 EUR/kWh");
    static final Num IMPORT_PRICE =
        optionalNum("importPriceEurPerKwh", PRICE, "EUR/kWh", "one flat import price");
    static final Text PRICE_PATH = requiredText("path", "file, relative to the scenario file");
    static final Text PRICE_COLUMN = requiredText("column", "the price column");
    static final Whole PRICE_INTERVAL_MINUTES =
        integer("intervalMinutes", 60, POSITIVE, "min", "length of one row; must divide 1440");
    static final Whole PRICE_FIRST_DAY_OF_YEAR =
        integer("firstDayOfYear", 1, between(1, 365), "", "day of the year of the first row");
    static final Whole PRICE_SKIP_ROWS =
        integer("skipRows", 0, NON_NEGATIVE, "rows", "data rows to drop at the start");
    static final Num PRICE_MULTIPLIER =
        num("multiplier", 1.0, POSITIVE, "", "e.g. a currency conversion to EUR");
    static final Group IMPORT_PRICE_CSV =
        group(
            "importPriceCsv",
            null,
            "a price series, averaged when aggregating" + " and repeated when refining",
            PRICE_PATH,
            PRICE_COLUMN,
            PRICE_INTERVAL_MINUTES,
            PRICE_FIRST_DAY_OF_YEAR,
            PRICE_SKIP_ROWS,
            PRICE_MULTIPLIER);
    static final Num EXPORT_PRICE =
        num(
            "exportPriceEurPerKwh",
            0.08,
            PRICE,
            "EUR/kWh",
            "flat export price; must not exceed the lowest import price");
    static final Num PEAK_CHARGE =
        num(
            "peakChargeEurPerKw",
            0.25,
            PRICE,
            "EUR/kW",
            "`πpk`, per kW of the community's highest import of the day");
    static final Num IMPORT_LIMIT =
        num("importLimitKw", 17, POSITIVE, "kW", "connection limit `Kimp` per household");
    static final Num EXPORT_LIMIT =
        num("exportLimitKw", 10, NON_NEGATIVE, "kW", "connection limit `Kexp` per household");
    static final Group SECTION =
        group(
            "tariff",
            "tariff",
            "import and export prices, peak charge, limits",
            IMPORT_PERIODS,
            IMPORT_PRICE,
            IMPORT_PRICE_CSV,
            EXPORT_PRICE,
            PEAK_CHARGE,
            IMPORT_LIMIT,
            EXPORT_LIMIT);
  }

  TariffPlan bind(Section t, Horizon horizon) {
    List<String> given = new ArrayList<>();
    List<ScenarioKey> imports =
        List.of(TariffKeys.IMPORT_PERIODS, TariffKeys.IMPORT_PRICE, TariffKeys.IMPORT_PRICE_CSV);
    for (ScenarioKey key : imports) {
      if (t.has(key)) {
        given.add(key.name());
      }
    }
    if (given.size() > 1) {
      problems.add(
          t.path(),
          null,
          Messages.ONE_OF_KEYS
              + " "
              + String.join(", ", imports.stream().map(ScenarioKey::name).toList())
              + " (have "
              + String.join(", ", given)
              + ")");
    }
    int perDay = horizon.intervalsPerDay();
    double[] ofDay = null;
    double[] series = null;
    int seriesFirstDay = 1;
    if (t.has(TariffKeys.IMPORT_PRICE)) {
      Double flat = t.number(TariffKeys.IMPORT_PRICE);
      ofDay = new double[perDay];
      java.util.Arrays.fill(ofDay, flat == null ? 0 : flat);
    } else if (t.has(TariffKeys.IMPORT_PRICE_CSV)) {
      Section c = t.section(TariffKeys.IMPORT_PRICE_CSV);
      String path = c.text(TariffKeys.PRICE_PATH);
      String column = c.text(TariffKeys.PRICE_COLUMN);
      Integer minutes = c.integer(TariffKeys.PRICE_INTERVAL_MINUTES);
      if (minutes != null && (minutes > 1440 || 1440 % minutes != 0)) {
        c.problem(TariffKeys.PRICE_INTERVAL_MINUTES, "must divide a day of 1440 minutes");
        minutes = null;
      }
      Integer first = c.integer(TariffKeys.PRICE_FIRST_DAY_OF_YEAR);
      Integer skip = c.integer(TariffKeys.PRICE_SKIP_ROWS);
      Double multiplier = c.number(TariffKeys.PRICE_MULTIPLIER);
      if (path != null && baseDir.resolve(c, TariffKeys.PRICE_PATH, path) == null) {
        path = null;
      }
      if (path != null
          && column != null
          && minutes != null
          && first != null
          && skip != null
          && multiplier != null) {
        try {
          double[] raw = CsvSeries.readNumbers(baseDir.resolve(path), column, skip);
          double[] values = Resampler.intensive(raw, minutes, horizon.intervalMinutes());
          int whole = values.length / perDay * perDay;
          if (whole == 0) {
            c.problem(
                TariffKeys.PRICE_PATH, Messages.CSV_PROBLEM + ": less than one day of prices");
          } else {
            series = new double[whole];
            for (int i = 0; i < whole; i++) {
              series[i] = values[i] * multiplier;
              if (Math.abs(series[i]) > Check.MAX_PRICE_EUR) {
                c.problem(
                    TariffKeys.PRICE_PATH,
                    Messages.CSV_PROBLEM
                        + ": the price of interval "
                        + i
                        + " ("
                        + Check.format(series[i])
                        + " EUR/kWh after the multiplier) "
                        + Messages.OUT_OF_RANGE
                        + " [-1000, 1000] EUR/kWh");
                series = null;
                break;
              }
            }
            seriesFirstDay = first;
          }
        } catch (ProfileDataException e) {
          c.problem(TariffKeys.PRICE_PATH, Messages.CSV_PROBLEM + ": " + e.getMessage());
        }
      }
    } else {
      ofDay = periods(t, perDay);
    }
    Double export = t.number(TariffKeys.EXPORT_PRICE);
    Double peak = t.number(TariffKeys.PEAK_CHARGE);
    Double importLimit = t.number(TariffKeys.IMPORT_LIMIT);
    Double exportLimit = t.number(TariffKeys.EXPORT_LIMIT);
    if (ofDay == null && series == null
        || export == null
        || peak == null
        || importLimit == null
        || exportLimit == null) {
      return null;
    }
    TariffPlan plan =
        new TariffPlan(
            ofDay,
            series,
            seriesFirstDay,
            export,
            peak,
            importLimit,
            exportLimit,
            horizon.startDayOfYear(),
            perDay);
    double lowest = plan.lowestImportEurPerKwh();
    if (export > lowest) {
      t.problem(
          TariffKeys.EXPORT_PRICE,
          Messages.EXPORT_ABOVE_IMPORT
              + " ("
              + Check.format(lowest)
              + " EUR/kWh)"
              + Check.maybe(lowest));
    }
    return plan;
  }

  private double[] periods(Section t, int perDay) {
    double[][] periods;
    if (!t.has(TariffKeys.IMPORT_PERIODS)) {
      periods = TariffKeys.DEFAULT_PERIODS;
      ArrayNode mirror = t.out().putArray(TariffKeys.IMPORT_PERIODS.name());
      for (double[] p : periods) {
        mirror
            .addObject()
            .put(TariffKeys.FROM_HOUR.name(), p[0])
            .put(TariffKeys.TO_HOUR.name(), p[1])
            .put(TariffKeys.PERIOD_PRICE.name(), p[2]);
      }
    } else {
      List<double[]> list = new ArrayList<>();
      boolean complete = true;
      for (Section p : t.sections(TariffKeys.IMPORT_PERIODS)) {
        Double from = p.number(TariffKeys.FROM_HOUR);
        Double to = p.number(TariffKeys.TO_HOUR);
        Double price = p.number(TariffKeys.PERIOD_PRICE);
        if (from == null || to == null || price == null) {
          complete = false;
          continue;
        }
        if (to <= from) {
          p.problem(
              TariffKeys.TO_HOUR,
              "must be > " + TariffKeys.FROM_HOUR.name() + " (" + Check.format(from) + ")");
          complete = false;
          continue;
        }
        list.add(new double[] {from, to, price});
      }
      if (!t.raw(TariffKeys.IMPORT_PERIODS).isArray()) {
        return null;
      }
      if (!complete) {
        return null;
      }
      list.sort(Comparator.comparingDouble(p -> p[0]));
      double reached = 0;
      for (double[] p : list) {
        if (Math.abs(p[0] - reached) > 1e-9) {
          problems.add(
              t.child(TariffKeys.IMPORT_PERIODS),
              null,
              Messages.PERIODS_MUST_COVER_DAY
                  + " ("
                  + (p[0] > reached ? "gap" : "overlap")
                  + " at "
                  + Check.format(Math.min(p[0], reached))
                  + " h)");
          return null;
        }
        reached = p[1];
      }
      if (Math.abs(reached - 24) > 1e-9) {
        problems.add(
            t.child(TariffKeys.IMPORT_PERIODS),
            null,
            Messages.PERIODS_MUST_COVER_DAY + " (they end at " + Check.format(reached) + " h)");
        return null;
      }
      periods = list.toArray(new double[0][]);
    }
    double[] ofDay = new double[perDay];
    double intervalHours = 24.0 / perDay;
    for (int k = 0; k < perDay; k++) {
      double start = k * intervalHours + 1e-9;
      for (double[] p : periods) {
        if (start >= p[0] && start < p[1]) {
          ofDay[k] = p[2];
        }
      }
    }
    return ofDay;
  }
}
