package org.equigrid.agents.household;

import java.util.List;
import org.equigrid.agents.protocol.Message.BatterySpec;
import org.equigrid.agents.protocol.Message.CallForProposals;
import org.equigrid.market.model.Battery;
import org.equigrid.market.model.ElectricVehicle;
import org.equigrid.market.model.Household;
import org.equigrid.market.model.Tariff;
import org.equigrid.market.model.TradingDay;

/**
 * What a household works out about its own day between messages: what its strategy reveals, the
 * one-household day its own solver schedules, its idle net load, the trust region of its battery in
 * the tâtonnement's rounds, its state of charge after an award. Pure: {@link ParticipantAgent} only
 * sends and receives.
 */
final class OwnDay {

  /**
   * Decentralised rounds: how far (a fraction of the battery's power over an interval) each
   * interval's battery flow may move from the previous round's, starting from an idle battery, and
   * how that shrinks each round, so the households' answers settle with the prices.
   */
  static final double TRUST_RADIUS = 0.5;

  static final double TRUST_DECAY = 0.6;

  private OwnDay() {}

  /**
   * How far each interval's EV charging may move from the previous round's in {@code round}: as the
   * battery's, {@code P^ev·Δt·}{@value #TRUST_RADIUS}{@code ·}{@value #TRUST_DECAY}{@code ^round}
   * kWh; 0 without an EV.
   */
  static double evTrustRadiusKwh(ElectricVehicle ev, double intervalHours, int round) {
    return ev == null
        ? 0
        : ev.maxPowerKw() * intervalHours * TRUST_RADIUS * Math.pow(TRUST_DECAY, round);
  }

  /** The protocol's description of a battery (null for none). */
  static BatterySpec spec(Battery b) {
    return BatterySpec.of(b);
  }

  /** The mid-market price {@code (πimp + πexp)/2} per interval of a call's tariff. */
  static double[] midMarket(CallForProposals cfp) {
    double[] p = new double[cfp.importPriceEurPerKwh().length];
    for (int t = 0; t < p.length; t++) {
      p[t] = (cfp.importPriceEurPerKwh()[t] + cfp.exportPriceEurPerKwh()[t]) / 2;
    }
    return p;
  }

  /**
   * How far each interval's battery flow may move from the previous round's in {@code round}:
   * {@code P·Δt·}{@value #TRUST_RADIUS}{@code ·}{@value #TRUST_DECAY}{@code ^round} kWh; 0 without
   * a battery.
   */
  static double trustRadiusKwh(BatterySpec battery, double intervalHours, int round) {
    return battery == null
        ? 0
        : battery.powerKw() * intervalHours * TRUST_RADIUS * Math.pow(TRUST_DECAY, round);
  }

  /**
   * What the strategy reveals of {@code day}: the household's load with its (decentralised)
   * appliances at their earliest starts, its PV, its battery and its flexible demand.
   */
  static Forecast revealed(HouseholdSetup setup, int day, int intervals, double intervalHours) {
    double[] appliances =
        FlexSchedule.applianceLoad(
            setup.appliances(),
            setup.appliances().stream().map(DeferrableAppliance::earliestStartInterval).toList(),
            intervals,
            intervalHours);
    double[] load = setup.loadKwhByDay()[day].clone();
    for (int t = 0; t < intervals; t++) {
      load[t] += appliances[t];
    }
    return setup
        .strategy()
        .reveal(
            new Forecast(
                load,
                setup.pvKwhByDay()[day],
                spec(setup.household().battery()),
                setup.household().flex()),
            day,
            intervalHours);
  }

  /**
   * The household's own day as {@code revealed}, with the call's tariff and its own connection
   * limits, its battery starting at {@code socKwh} clamped to its bounds: one household, index 0.
   */
  static TradingDay of(
      HouseholdSetup setup, Forecast revealed, CallForProposals call, int day, double socKwh) {
    Household h = setup.household();
    BatterySpec b = revealed.battery();
    double soc = b == null ? 0 : Math.min(b.socMaxKwh(), Math.max(b.socMinKwh(), socKwh));
    Battery battery = b == null ? null : b.battery(soc);
    Household own =
        new Household(h.id(), h.kind(), h.group(), h.dailyIncomeEur(), h.pvKwp(), battery, null)
            .withFlex(revealed.flex());
    Tariff tariff =
        new Tariff(
            call.importPriceEurPerKwh(),
            call.exportPriceEurPerKwh(),
            call.peakChargeEurPerKw(),
            setup.importLimitKw(),
            setup.exportLimitKw());
    return new TradingDay(
        day,
        call.dayOfYear(),
        call.intervalHours(),
        List.of(own),
        new double[][] {revealed.loadKwh()},
        new double[][] {revealed.pvKwh()},
        new double[] {soc},
        tariff);
  }

  /** The idle net load of a one-household day: load minus PV per interval (kWh). */
  static double[] idleNetKwh(TradingDay own) {
    double[] net = new double[own.intervals()];
    for (int t = 0; t < net.length; t++) {
      net[t] = own.loadKwh()[0][t] - own.pvKwh()[0][t];
    }
    return net;
  }

  /**
   * The state of charge after an awarded schedule: its last value clamped to the battery's bounds
   * (like the in-process runner, so that solver round-off does not drift); {@code socKwh} when the
   * schedule has none.
   */
  static double socAfter(BatterySpec battery, double[] scheduleSocKwh, double socKwh) {
    if (scheduleSocKwh == null || scheduleSocKwh.length == 0) {
      return socKwh;
    }
    double last = scheduleSocKwh[scheduleSocKwh.length - 1];
    return Math.min(battery.socMaxKwh(), Math.max(battery.socMinKwh(), last));
  }
}
