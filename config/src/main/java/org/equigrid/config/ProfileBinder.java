package org.equigrid.config;

import static org.equigrid.config.ScenarioKeys.NON_NEGATIVE;
import static org.equigrid.config.ScenarioKeys.POSITIVE;
import static org.equigrid.config.ScenarioKeys.between;
import static org.equigrid.config.ScenarioKeys.choice;
import static org.equigrid.config.ScenarioKeys.group;
import static org.equigrid.config.ScenarioKeys.integer;
import static org.equigrid.config.ScenarioKeys.num;
import static org.equigrid.config.ScenarioKeys.requiredText;
import static org.equigrid.config.ScenarioKeys.text;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.equigrid.config.HorizonBinder.Horizon;
import org.equigrid.config.ScenarioKey.Choice;
import org.equigrid.config.ScenarioKey.Group;
import org.equigrid.config.ScenarioKey.Num;
import org.equigrid.config.ScenarioKey.Text;
import org.equigrid.config.ScenarioKey.Whole;
import org.equigrid.config.profile.CsvLayout;
import org.equigrid.config.profile.CsvSeries;
import org.equigrid.config.profile.EnergyUnit;
import org.equigrid.config.profile.ProfileDataException;
import org.equigrid.config.profile.Resampler;
import org.equigrid.config.profile.SolarModel;
import org.equigrid.config.profile.SyntheticLoad;

/**
 * Reads {@code profiles}, where load and PV come from: the synthetic models ({@code
 * profiles.synthetic}) and load and PV series from CSV files ({@code profiles.csv}), resampled to
 * the horizon's interval. The key tables of both are here.
 */
final class ProfileBinder {
  private final Problems problems;
  private final BaseDir baseDir;

  ProfileBinder(Problems problems, BaseDir baseDir) {
    this.problems = problems;
    this.baseDir = baseDir;
  }

  /** {@code profiles.synthetic}: the synthetic load and PV models. */
  static final class SyntheticKeys {
    private static final SolarModel SOLAR = SolarModel.defaults();
    private static final SyntheticLoad LOAD = SyntheticLoad.defaults();
    static final Num LATITUDE_DEG =
        num("latitudeDeg", SOLAR.latitudeDeg(), between(-65, 65), "° N", "site latitude");
    static final Num SYSTEM_FACTOR =
        num(
            "systemFactor",
            SOLAR.systemFactor(),
            POSITIVE,
            "kWh/kWp/h",
            "kWh per kWp and hour of `sin e = 1` under a clear sky (tilt gain minus losses)");
    static final Num CLEARNESS_SUMMER =
        num(
            "clearnessSummer",
            SOLAR.clearnessSummer(),
            between(0.01, 0.99),
            "",
            "mean daily clearness at day 172");
    static final Num CLEARNESS_WINTER =
        num(
            "clearnessWinter",
            SOLAR.clearnessWinter(),
            between(0.01, 0.99),
            "",
            "mean daily clearness at day 355");
    static final Num CLEARNESS_CONCENTRATION =
        num(
            "clearnessConcentration",
            SOLAR.clearnessConcentration(),
            POSITIVE,
            "",
            "`a + b` of the daily Beta draw (larger: steadier weather)");
    static final Num SEASONAL_AMPLITUDE =
        num(
            "seasonalAmplitude",
            LOAD.seasonalAmplitude(),
            between(0, 0.9),
            "",
            "`A` of the load's seasonal factor");
    static final Num DAILY_LOAD_NOISE =
        num(
            "dailyLoadNoise",
            LOAD.dailyNoise(),
            between(0, 2),
            "",
            "`σd`, log-sd of a household's day level");
    static final Num INTERVAL_LOAD_NOISE =
        num(
            "intervalLoadNoise",
            LOAD.intervalNoise(),
            between(0, 2),
            "",
            "`σ`, log-sd of each interval's noise");
    static final Group SECTION =
        group(
            "synthetic",
            "synthetic",
            "synthetic load and PV, see the synthetic table",
            LATITUDE_DEG,
            SYSTEM_FACTOR,
            CLEARNESS_SUMMER,
            CLEARNESS_WINTER,
            CLEARNESS_CONCENTRATION,
            SEASONAL_AMPLITUDE,
            DAILY_LOAD_NOISE,
            INTERVAL_LOAD_NOISE);
  }

  /** {@code profiles.csv}: load and PV from CSV files. */
  static final class CsvKeys {
    static final Choice<CsvLayout> LAYOUT =
        choice(
            "layout",
            null,
            CsvLayout.values(),
            ScenarioKeys::lower,
            "`wide`: one file, a column per data key; `long`: one file, household and value columns; `per-household`:"
                + " one file per household (`path` contains `{key}`)");
    static final Whole INTERVAL_MINUTES =
        integer("intervalMinutes", 60, POSITIVE, "min", "length of one row; must divide 1440");
    static final Whole FIRST_DAY_OF_YEAR =
        integer(
            "firstDayOfYear",
            1,
            between(1, 365),
            "",
            "day of the year of the first (kept) row's day");
    static final Whole SKIP_ROWS =
        integer(
            "skipRows",
            0,
            NON_NEGATIVE,
            "rows",
            "data rows dropped at the start of every series (e.g. 1 for CityLearn)");
    static final Text HOUSEHOLD_COLUMN =
        text("householdColumn", "household", "`long` only: column holding the" + " data key");
    static final Text PATH = requiredText("path", "file, relative to the scenario file");
    static final Text COLUMN = requiredText("column", "the value column (not used by `wide`)");
    static final Choice<EnergyUnit> UNIT =
        choice(
            "unit",
            null,
            EnergyUnit.values(),
            EnergyUnit::fileName,
            "what a row holds (per-kWp units only for `pv`)");
    static final Group LOAD = group("load", null, "the load series", PATH, COLUMN, UNIT);
    static final Group PV = LOAD.as("pv", "the PV series");
    static final Group SECTION =
        group(
            "csv",
            "csv",
            "load and PV from CSV, see the csv table",
            LAYOUT,
            INTERVAL_MINUTES,
            FIRST_DAY_OF_YEAR,
            SKIP_ROWS,
            HOUSEHOLD_COLUMN,
            LOAD,
            PV);
  }

  /** {@code profiles}. */
  static final class ProfileKeys {
    static final Group SECTION =
        group(
            "profiles",
            null,
            "where load and PV come from",
            SyntheticKeys.SECTION,
            CsvKeys.SECTION);
  }

  private record CsvPart(
      Section section,
      CsvLayout layout,
      Path path,
      String column,
      String householdColumn,
      EnergyUnit unit,
      int intervalMinutes,
      int firstDayOfYear,
      int skipRows) {}

  /**
   * The sources of the profiles as read: the synthetic models, and the CSV data of load and of PV
   * (each null when not given or refused).
   */
  record Sources(
      SolarModel solar,
      SyntheticLoad load,
      ProfileBook.CsvData loadData,
      ProfileBook.CsvData pvData) {

    /** The profiles of {@code members} (sorted by id). */
    ProfileBook book(List<Member> members, Long seed, Horizon horizon) {
      return new ProfileBook(
          members,
          seed,
          horizon.startDayOfYear(),
          horizon.intervalsPerDay(),
          load,
          solar,
          loadData,
          pvData);
    }
  }

  Sources bind(Section profiles, List<Member> members, Horizon horizon) {
    Section synthetic = profiles.section(SyntheticKeys.SECTION);
    SolarModel solar = solar(synthetic);
    SyntheticLoad load = syntheticLoad(synthetic);
    ProfileBook.CsvData loadData = null;
    ProfileBook.CsvData pvData = null;
    if (profiles.has(CsvKeys.SECTION)) {
      Section csv = profiles.section(CsvKeys.SECTION);
      List<CsvPart> parts = csvParts(csv);
      List<String> keys = members.stream().map(Member::dataKey).toList();
      for (CsvPart part : parts) {
        ProfileBook.CsvData data = readCsv(part, keys, horizon);
        if (part.section().path().endsWith(CsvKeys.LOAD.name())) {
          loadData = data;
        } else {
          pvData = data;
        }
      }
    }
    return new Sources(solar, load, loadData, pvData);
  }

  private SolarModel solar(Section s) {
    SolarModel d = SolarModel.defaults();
    Double latitude = s.number(SyntheticKeys.LATITUDE_DEG);
    Double system = s.number(SyntheticKeys.SYSTEM_FACTOR);
    Double summer = s.number(SyntheticKeys.CLEARNESS_SUMMER);
    Double winter = s.number(SyntheticKeys.CLEARNESS_WINTER);
    Double concentration = s.number(SyntheticKeys.CLEARNESS_CONCENTRATION);
    if (latitude == null
        || system == null
        || summer == null
        || winter == null
        || concentration == null) {
      return d;
    }
    return new SolarModel(latitude, system, summer, winter, concentration);
  }

  private SyntheticLoad syntheticLoad(Section s) {
    SyntheticLoad d = SyntheticLoad.defaults();
    Double amplitude = s.number(SyntheticKeys.SEASONAL_AMPLITUDE);
    Double daily = s.number(SyntheticKeys.DAILY_LOAD_NOISE);
    Double interval = s.number(SyntheticKeys.INTERVAL_LOAD_NOISE);
    if (amplitude == null || daily == null || interval == null) {
      return d;
    }
    return new SyntheticLoad(amplitude, daily, interval);
  }

  private List<CsvPart> csvParts(Section csv) {
    CsvLayout layout = csv.choice(CsvKeys.LAYOUT);
    Integer minutes = csv.integer(CsvKeys.INTERVAL_MINUTES);
    if (minutes != null && (minutes > 60 * 24 || (24 * 60) % minutes != 0)) {
      csv.problem(CsvKeys.INTERVAL_MINUTES, "must divide a day of 1440 minutes");
      minutes = null;
    }
    Integer first = csv.integer(CsvKeys.FIRST_DAY_OF_YEAR);
    Integer skip = csv.integer(CsvKeys.SKIP_ROWS);
    String householdColumn = layout == CsvLayout.LONG ? csv.text(CsvKeys.HOUSEHOLD_COLUMN) : null;
    if (!csv.has(CsvKeys.LOAD) && !csv.has(CsvKeys.PV)) {
      problems.add(
          csv.path(),
          null,
          Messages.REQUIRED
              + ": "
              + CsvKeys.LOAD.name()
              + " or "
              + CsvKeys.PV.name()
              + " (or both), each {"
              + String.join(", ", CsvKeys.LOAD.known())
              + "}");
    }
    List<CsvPart> parts = new ArrayList<>();
    for (ScenarioKey.Group quantity : List.of(CsvKeys.LOAD, CsvKeys.PV)) {
      if (!csv.has(quantity)) {
        continue;
      }
      Section q = csv.section(quantity);
      String pathText = q.text(CsvKeys.PATH);
      String column = layout == CsvLayout.WIDE ? null : q.text(CsvKeys.COLUMN);
      EnergyUnit unit = q.choice(CsvKeys.UNIT);
      if (unit != null && quantity == CsvKeys.LOAD && unit.perKwp()) {
        q.problem(CsvKeys.UNIT, "a per-kWp unit only fits pv; load takes kWh, Wh, kW or W");
        unit = null;
      }
      if (pathText != null && baseDir.resolve(q, CsvKeys.PATH, pathText) == null) {
        pathText = null;
      }
      if (pathText != null
          && layout == CsvLayout.PER_HOUSEHOLD
          && !pathText.contains(CsvSeries.KEY_PLACEHOLDER)) {
        q.problem(CsvKeys.PATH, Messages.PATH_PLACEHOLDER);
        pathText = null;
      }
      if (layout == null
          || pathText == null
          || unit == null
          || minutes == null
          || first == null
          || skip == null
          || (layout != CsvLayout.WIDE && column == null)
          || (layout == CsvLayout.LONG && householdColumn == null)) {
        continue;
      }
      parts.add(
          new CsvPart(
              q,
              layout,
              baseDir.resolve(pathText),
              column,
              householdColumn,
              unit,
              minutes,
              first,
              skip));
    }
    return parts;
  }

  private ProfileBook.CsvData readCsv(CsvPart part, List<String> keys, Horizon horizon) {
    if (keys.isEmpty()) {
      return null;
    }
    CsvSeries series =
        new CsvSeries(
            part.layout(),
            part.path().toString(),
            part.column(),
            part.householdColumn(),
            part.unit(),
            part.intervalMinutes(),
            part.skipRows());
    try {
      Map<String, double[]> raw = series.read(new ArrayList<>(new java.util.LinkedHashSet<>(keys)));
      Map<String, double[]> resampled = new LinkedHashMap<>();
      for (Map.Entry<String, double[]> entry : raw.entrySet()) {
        double[] values =
            Resampler.energy(entry.getValue(), part.intervalMinutes(), horizon.intervalMinutes());
        int whole = values.length / horizon.intervalsPerDay() * horizon.intervalsPerDay();
        resampled.put(entry.getKey(), java.util.Arrays.copyOf(values, whole));
      }
      return new ProfileBook.CsvData(resampled, part.unit().perKwp(), part.firstDayOfYear());
    } catch (ProfileDataException e) {
      part.section().problem(CsvKeys.PATH, Messages.CSV_PROBLEM + ": " + e.getMessage());
      return null;
    }
  }
}
