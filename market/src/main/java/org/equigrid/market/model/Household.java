package org.equigrid.market.model;

import java.util.Objects;

/**
 * One participant of the community (DESIGN.md section 1).
 *
 * @param id unique, stable identifier (used for sorting and in every output)
 * @param kind consumer or prosumer
 * @param group socio-economic group name, e.g. {@code LOW}, {@code MIDDLE}, {@code HIGH}
 * @param dailyIncomeEur income {@code y_i} in EUR per day, for the energy burden
 * @param pvKwp installed PV peak power; 0 for none
 * @param battery the battery, or {@code null} for none
 * @param reservation reservation prices for double-auction pricing, or {@code null} to bid the
 *     tariff (buy up to the import price, sell down to the export price)
 * @param flex flexible demand whose timing the clearing chooses ({@link FlexibleDemand#NONE} for
 *     none; null is read as none)
 */
public record Household(
    String id,
    ParticipantKind kind,
    String group,
    double dailyIncomeEur,
    double pvKwp,
    Battery battery,
    ReservationPrices reservation,
    FlexibleDemand flex) {

  public Household {
    flex = flex == null ? FlexibleDemand.NONE : flex;
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(group, "group");
    ModelValidation.household(id, kind, dailyIncomeEur, pvKwp, battery);
  }

  /** A household without flexible demand. */
  public Household(
      String id,
      ParticipantKind kind,
      String group,
      double dailyIncomeEur,
      double pvKwp,
      Battery battery,
      ReservationPrices reservation) {
    this(id, kind, group, dailyIncomeEur, pvKwp, battery, reservation, FlexibleDemand.NONE);
  }

  /** The same household with other flexible demand. */
  public Household withFlex(FlexibleDemand newFlex) {
    return new Household(id, kind, group, dailyIncomeEur, pvKwp, battery, reservation, newFlex);
  }

  /** Whether the household has flexible demand. */
  public boolean hasFlex() {
    return flex.any();
  }

  public boolean hasBattery() {
    return battery != null;
  }

  public boolean hasPv() {
    return pvKwp > 0;
  }
}
