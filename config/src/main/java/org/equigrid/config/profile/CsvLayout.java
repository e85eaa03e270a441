package org.equigrid.config.profile;

/** How household series are laid out in CSV files. */
public enum CsvLayout {
  /**
   * One file, one column per household (named by the household's data key), one row per interval.
   */
  WIDE,
  /** One file, one row per household and interval: a household column and a value column. */
  LONG,
  /**
   * One file per household; the path contains {@code {key}}, replaced by the household's data key.
   */
  PER_HOUSEHOLD
}
