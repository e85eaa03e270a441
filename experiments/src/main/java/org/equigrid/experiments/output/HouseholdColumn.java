package org.equigrid.experiments.output;

import java.util.function.Function;
import org.equigrid.market.metrics.HouseholdDayMetrics;

/** The columns of {@code households.csv}: one row per day and household. */
public enum HouseholdColumn {
  HOUSEHOLD("household", h -> h.id()),
  GROUP("group", h -> h.group()),
  LOAD_KWH("loadKwh", h -> Numbers.format(h.loadKwh())),
  PV_KWH("pvKwh", h -> Numbers.format(h.pvKwh())),
  IMPORT_KWH("importKwh", h -> Numbers.format(h.importKwh())),
  EXPORT_KWH("exportKwh", h -> Numbers.format(h.exportKwh())),
  BOUGHT_KWH("boughtKwh", h -> Numbers.format(h.boughtKwh())),
  SOLD_KWH("soldKwh", h -> Numbers.format(h.soldKwh())),
  CURTAILED_KWH("curtailedKwh", h -> Numbers.format(h.curtailedKwh())),
  OWN_PV_USED_KWH("ownPvUsedKwh", h -> Numbers.format(h.ownPvUsedKwh())),
  STANDALONE_COST_EUR("standaloneCostEur", h -> Numbers.format(h.standaloneCostEur())),
  ENERGY_COST_EUR("energyCostEur", h -> Numbers.format(h.energyCostEur())),
  PEAK_CHARGE_SHARE_EUR("peakChargeShareEur", h -> Numbers.format(h.peakChargeShareEur())),
  DISPATCH_COST_EUR("dispatchCostEur", h -> Numbers.format(h.dispatchCostEur())),
  SAVINGS_EUR("savingsEur", h -> Numbers.format(h.savingsEur())),
  RELATIVE_SAVINGS("relativeSavings", h -> Numbers.format(h.relativeSavings())),
  RENEWABLE_ACCESS("renewableAccess", h -> Numbers.format(h.renewableAccess())),
  ENERGY_BURDEN_BEFORE_SETTLEMENT(
      "energyBurdenBeforeSettlement", h -> Numbers.format(h.energyBurden()));

  private final String header;
  private final Function<HouseholdDayMetrics, String> value;

  HouseholdColumn(String header, Function<HouseholdDayMetrics, String> value) {
    this.header = header;
    this.value = value;
  }

  public String header() {
    return header;
  }

  String valueOf(HouseholdDayMetrics household) {
    return value.apply(household);
  }
}
