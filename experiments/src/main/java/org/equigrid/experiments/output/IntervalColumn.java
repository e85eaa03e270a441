package org.equigrid.experiments.output;

/** The columns of {@code intervals.csv}: one row per day and interval, community totals. */
public enum IntervalColumn {
  DAY("day"),
  INTERVAL("interval"),
  HOUR("hour"),
  LOAD_KWH("loadKwh"),
  PV_KWH("pvKwh"),
  IMPORT_KWH("importKwh"),
  EXPORT_KWH("exportKwh"),
  POOL_TRADED_KWH("poolTradedKwh"),
  CHARGE_KWH("chargeKwh"),
  DISCHARGE_KWH("dischargeKwh"),
  CURTAILED_KWH("curtailedKwh"),
  STANDALONE_IMPORT_KWH("standaloneImportKwh"),
  IMPORT_PRICE_EUR_PER_KWH("importPriceEurPerKwh"),
  EXPORT_PRICE_EUR_PER_KWH("exportPriceEurPerKwh"),
  POOL_PRICE_EUR_PER_KWH("poolPriceEurPerKwh");

  private final String header;

  IntervalColumn(String header) {
    this.header = header;
  }

  public String header() {
    return header;
  }
}
