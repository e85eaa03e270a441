package org.equigrid.config.profile;

import java.util.Locale;

/**
 * The unit of a column of profile data, and its conversion to kWh per data interval (or, for the
 * per-kWp units, kWh per kWp and data interval).
 */
public enum EnergyUnit {
  /** Energy in the interval, kWh. */
  KWH(1.0, false),
  /** Energy in the interval, Wh. */
  WH(0.001, false),
  /** Average power over the interval, kW. */
  KW(1.0, false),
  /** Average power over the interval, W. */
  W(0.001, false),
  /** PV: energy per kWp installed in the interval, kWh/kWp. */
  KWH_PER_KWP(1.0, true),
  /** PV: average power per kWp installed, W/kWp (Wh per kWp and hour). */
  W_PER_KWP(0.001, true);

  private final double factor;
  private final boolean perKwp;

  EnergyUnit(double factor, boolean perKwp) {
    this.factor = factor;
    this.perKwp = perKwp;
  }

  /** Whether values are per kWp installed and must be multiplied by the household's pvKwp. */
  public boolean perKwp() {
    return perKwp;
  }

  /** Whether the unit is a power (averaged over the interval) rather than an energy. */
  public boolean isPower() {
    return this == KW || this == W || this == W_PER_KWP;
  }

  /** Converts one value to kWh (or kWh/kWp) per interval of {@code intervalHours}. */
  public double toKwh(double value, double intervalHours) {
    return isPower() ? value * factor * intervalHours : value * factor;
  }

  /** The spelling in scenario files, e.g. {@code W-per-kWp}. */
  public String fileName() {
    return switch (this) {
      case KWH -> "kWh";
      case WH -> "Wh";
      case KW -> "kW";
      case W -> "W";
      case KWH_PER_KWP -> "kWh-per-kWp";
      case W_PER_KWP -> "W-per-kWp";
    };
  }

  /** Parses a unit name, case-insensitive, with {@code -}, {@code _} or {@code /} ("W/kWp"). */
  public static EnergyUnit parse(String text) {
    String key = text.trim().toLowerCase(Locale.ROOT).replace('/', '-').replace('_', '-');
    key = key.replace("-per-", "-").replace("--", "-");
    for (EnergyUnit unit : values()) {
      String name = unit.fileName().toLowerCase(Locale.ROOT).replace("-per-", "-");
      if (name.equals(key)) {
        return unit;
      }
    }
    throw new IllegalArgumentException(text);
  }
}
