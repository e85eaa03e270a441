package org.equigrid.config;

/** The fixed parts of problem messages, shared by the reader and its tests. */
final class Messages {
  static final String UNKNOWN_KEY = "unknown key";
  static final String REQUIRED = "is required";
  static final String NOT_A_NUMBER = "must be a number";
  static final String NOT_A_WHOLE_NUMBER = "must be a whole number";
  static final String NOT_A_BOOLEAN = "must be true or false";
  static final String NOT_TEXT = "must be text";
  static final String NOT_A_MAPPING = "must be a mapping of keys to values";
  static final String NOT_A_LIST = "must be a list";
  static final String NOT_FINITE = "must be 0 or a finite number of magnitude in [1e-12, 1e9]";
  static final String WHOLE_OUT_OF_RANGE = "must be a whole number in";
  static final String MUST_BE_POSITIVE = "must be > 0";
  static final String MUST_BE_NON_NEGATIVE = "must be >= 0";
  static final String MUST_BE_FRACTION = "must be in [0, 1]";
  static final String MUST_BE_EFFICIENCY = "must be in (0, 1]";
  static final String OUT_OF_RANGE = "must be in";
  static final String NOT_ONE_OF = "is not one of";
  static final String MAYBE = "Maybe you meant";
  static final String INTERVAL_MUST_DIVIDE_HOUR = "must divide 60 minutes";
  static final String SHARES_MUST_SUM_TO_ONE = "must sum to 1";
  static final String WEIGHT_OUT_OF_BOUNDS = "normalised weight leaves [minWeight, maxWeight]";
  static final String UNKNOWN_GROUP = "is not a group of the community";
  static final String DUPLICATE_ID = "duplicate household id";
  static final String ONE_OF_KEYS = "give exactly one of";
  static final String EXCLUSIVE_KEYS = "cannot be combined with";
  static final String PERIODS_MUST_COVER_DAY =
      "periods must cover 0..24 h without gaps or overlaps";
  static final String EXPORT_ABOVE_IMPORT = "must not exceed the lowest import price";
  static final String KIND_CONFLICT = "a consumer cannot own PV or a battery";
  static final String OWNERSHIP_FORM =
      "ownership is one number for the community or one number per group";
  static final String PV_SHARE_ABOVE_OWNERS = "must be <= 1 - renterShare (renters own no PV)";
  static final String BATTERY_SHARE_ABOVE_PV_SHARE =
      "must be <= pvShare (batteries go to PV owners)";
  static final String SOC_ORDER = "need socMinFraction <= initialSocFraction <= socMaxFraction";
  static final String CSV_PROBLEM = "cannot use the CSV data";
  static final String PATH_PLACEHOLDER = "must contain {key} for the per-household layout";
  static final String BAD_DATE = "must be a date like 2024-06-21";
  static final String BAD_OVERRIDE = "cannot apply the override";
  static final String NOT_A_PATH = "is not a valid file path";
  static final String FILE_NOT_FOUND = "scenario file not found";
  static final String YAML_SYNTAX = "is not valid YAML";
  static final String POLICY_NOT_FOUND = "policy checkpoint not found";

  private Messages() {}
}
