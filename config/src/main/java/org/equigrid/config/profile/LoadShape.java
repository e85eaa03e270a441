package org.equigrid.config.profile;

import java.util.Arrays;
import java.util.Locale;

/**
 * Daily load shapes: relative hourly demand, normalised to a mean of 1 over the day. Hour {@code h}
 * covers {@code [h, h+1)} local time; sub-hourly intervals take the value of their hour.
 */
public enum LoadShape {
  /** Working family: away during the day, a morning peak 7–9 h and a long evening peak 17–22 h. */
  WORKING(
      0.5, 0.4, 0.4, 0.4, 0.4, 0.5, 0.9, 1.5, 1.4, 0.9, 0.7, 0.7, 0.8, 0.7, 0.7, 0.8, 1.1, 1.6, 2.0,
      2.0, 1.8, 1.5, 1.0, 0.7),
  /** Retired or at home: steady daytime use, a midday bump and a moderate evening peak. */
  AT_HOME(
      0.5, 0.4, 0.4, 0.4, 0.4, 0.5, 0.7, 1.0, 1.2, 1.2, 1.2, 1.3, 1.5, 1.3, 1.1, 1.1, 1.2, 1.4, 1.6,
      1.6, 1.4, 1.2, 0.9, 0.6),
  /** A small, almost flat base load (appliances on standby, a fridge, a small flat). */
  FLAT(
      0.8, 0.8, 0.8, 0.8, 0.8, 0.8, 0.9, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.1, 1.2, 1.3,
      1.3, 1.2, 1.1, 1.0, 0.9);

  private final double[] hourly;

  LoadShape(double... raw) {
    double mean = Arrays.stream(raw).average().orElseThrow();
    hourly = Arrays.stream(raw).map(v -> v / mean).toArray();
  }

  /** Relative demand in hour {@code hour} (0..23), mean 1 over the day. */
  public double hourFactor(int hour) {
    return hourly[hour];
  }

  /** The name used in scenario files, e.g. {@code at-home}. */
  public String fileName() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }
}
