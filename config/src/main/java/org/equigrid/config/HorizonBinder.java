package org.equigrid.config;

import static org.equigrid.config.ScenarioKeys.POSITIVE;
import static org.equigrid.config.ScenarioKeys.between;
import static org.equigrid.config.ScenarioKeys.group;
import static org.equigrid.config.ScenarioKeys.integer;
import static org.equigrid.config.ScenarioKeys.optionalText;

import java.time.DateTimeException;
import java.time.LocalDate;
import org.equigrid.config.ScenarioKey.Group;
import org.equigrid.config.ScenarioKey.Text;
import org.equigrid.config.ScenarioKey.Whole;

/**
 * Reads {@code horizon}, the calendar of a run: the number of days, the interval length and the day
 * of the year of day index 0. The section's keys are declared here, beside the code that reads
 * them.
 */
final class HorizonBinder {
  private HorizonBinder() {}

  /** {@code horizon}. */
  static final class HorizonKeys {
    static final int DEFAULT_START_DAY = 172;
    static final Whole DAYS = integer("days", 1, between(1, 3650), "days", "trading days `D`");
    static final Whole INTERVAL_MINUTES =
        integer(
            "intervalMinutes",
            60,
            POSITIVE,
            "min",
            "interval length; must divide 60 (1, 2, 3, 4, 5, 6, 10, 12, 15, 20, 30, 60)");
    static final Whole START_DAY_OF_YEAR =
        integer(
                "startDayOfYear",
                DEFAULT_START_DAY,
                between(1, 365),
                "",
                "day of the year of day index 0")
            .shown(DEFAULT_START_DAY + " (21 June)");
    static final Text START_DATE =
        optionalText(
            "startDate",
            "alternative to `startDayOfYear`, e.g. `2024-07-01`"
                + " (29 Feb and 31 Dec of leap years map to 60 and 365)");
    static final Group SECTION =
        group(
            "horizon",
            "horizon",
            "the calendar: days, interval length, first day",
            DAYS,
            INTERVAL_MINUTES,
            START_DAY_OF_YEAR,
            START_DATE);
  }

  /** The calendar as read: {@code intervalMinutes} divides an hour. */
  record Horizon(int days, int intervalMinutes, int startDayOfYear) {
    int intervalsPerDay() {
      return 24 * 60 / intervalMinutes;
    }
  }

  static Horizon bind(Section h) {
    Integer days = h.integer(HorizonKeys.DAYS);
    Integer minutes = h.integer(HorizonKeys.INTERVAL_MINUTES);
    if (minutes != null && (minutes > 60 || 60 % minutes != 0)) {
      h.problem(
          HorizonKeys.INTERVAL_MINUTES,
          Messages.INTERVAL_MUST_DIVIDE_HOUR
              + " (1, 2, 3, 4, 5, 6, 10, 12, 15, 20, 30 or 60)"
              + Check.maybe(nearestDivisor(minutes)));
      minutes = null;
    }
    int start = HorizonKeys.DEFAULT_START_DAY;
    if (h.has(HorizonKeys.START_DATE) && h.has(HorizonKeys.START_DAY_OF_YEAR)) {
      h.problem(
          HorizonKeys.START_DATE,
          Messages.EXCLUSIVE_KEYS
              + " "
              + HorizonKeys.START_DAY_OF_YEAR.name()
              + "; give one of them");
    } else if (h.has(HorizonKeys.START_DATE)) {
      String text = h.text(HorizonKeys.START_DATE);
      try {
        start = Math.min(365, LocalDate.parse(text).getDayOfYear());
      } catch (DateTimeException | NullPointerException e) {
        h.problem(HorizonKeys.START_DATE, Messages.BAD_DATE);
      }
    } else {
      Integer doy = h.integer(HorizonKeys.START_DAY_OF_YEAR);
      start = doy == null ? HorizonKeys.DEFAULT_START_DAY : doy;
    }
    return new Horizon(days == null ? 1 : days, minutes == null ? 60 : minutes, start);
  }

  private static int nearestDivisor(int minutes) {
    int best = 60;
    for (int d : new int[] {1, 2, 3, 4, 5, 6, 10, 12, 15, 20, 30, 60}) {
      if (Math.abs(d - minutes) < Math.abs(best - minutes)) {
        best = d;
      }
    }
    return best;
  }
}
