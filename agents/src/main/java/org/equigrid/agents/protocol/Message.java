package org.equigrid.agents.protocol;

import java.util.List;
import java.util.Map;
import org.equigrid.market.model.Appliance;
import org.equigrid.market.model.Battery;
import org.equigrid.market.model.ElectricVehicle;
import org.equigrid.market.model.Household;
import org.equigrid.market.negotiation.Answer;
import org.equigrid.market.negotiation.Signal;

/**
 * Every message content of the protocol (DESIGN.md section 7), one record per type. Records hold
 * what was sent; values are checked at receipt by {@link ReceiptCheck}, not here, so that an
 * invalid value can be refused with its reason instead of failing to decode.
 */
public sealed interface Message {

  /** The protocol version written as {@code "v"} in every message. */
  int PROTOCOL_VERSION = 7;

  /**
   * A battery as offered in a join request or a bid.
   *
   * @param capacityKwh usable capacity
   * @param powerKw charge and discharge limit
   * @param chargeEfficiency {@code ηc}
   * @param dischargeEfficiency {@code ηd}
   * @param socMinKwh lower state-of-charge bound
   * @param socMaxKwh upper state-of-charge bound
   */
  record BatterySpec(
      double capacityKwh,
      double powerKw,
      double chargeEfficiency,
      double dischargeEfficiency,
      double socMinKwh,
      double socMaxKwh) {

    /** The spec of a market battery (null for none). */
    public static BatterySpec of(Battery b) {
      return b == null
          ? null
          : new BatterySpec(
              b.capacityKwh(),
              b.powerKw(),
              b.chargeEfficiency(),
              b.dischargeEfficiency(),
              b.socMinKwh(),
              b.socMaxKwh());
    }

    /** The market's battery of this spec, starting the day at {@code initialSocKwh}. */
    public Battery battery(double initialSocKwh) {
      return new Battery(
          capacityKwh,
          powerKw,
          chargeEfficiency,
          dischargeEfficiency,
          socMinKwh,
          socMaxKwh,
          initialSocKwh);
    }
  }

  /**
   * An electric vehicle as flexible demand declared in a join request and offered in a bid: the
   * fields of the market's {@link ElectricVehicle}, all the clearing needs to choose when it
   * charges.
   *
   * @param energyKwh the energy charged by departure
   * @param maxPowerKw the charging power limit
   * @param arrivalHour hour of the day it is plugged in
   * @param departureHour hour of the day it leaves
   */
  record EvSpec(double energyKwh, double maxPowerKw, int arrivalHour, int departureHour) {

    /** The spec of a market EV (null for none). */
    public static EvSpec of(ElectricVehicle ev) {
      return ev == null
          ? null
          : new EvSpec(ev.energyKwh(), ev.maxPowerKw(), ev.arrivalHour(), ev.departureHour());
    }

    /**
     * The market's EV of this spec.
     *
     * @throws IllegalArgumentException naming the field and value that is out of range
     */
    public ElectricVehicle ev() {
      return new ElectricVehicle(energyKwh, maxPowerKw, arrivalHour, departureHour);
    }
  }

  /**
   * A deferrable appliance as flexible demand declared in a join request and offered in a bid: the
   * fields of the market's {@link Appliance} the clearing needs to choose its start. Not its name:
   * the coordinator labels it by its place in the bid ({@link #appliance}), so a bid does not say
   * what the appliance is.
   *
   * @param powerKw its constant power while running
   * @param durationHours how long it runs
   * @param earliestStartHour the earliest hour it may start
   * @param latestEndHour the hour by which it must have finished
   */
  record ApplianceSpec(
      double powerKw, double durationHours, int earliestStartHour, int latestEndHour) {

    /** The spec of a market appliance, without its name. */
    public static ApplianceSpec of(Appliance a) {
      return new ApplianceSpec(
          a.powerKw(), a.durationHours(), a.earliestStartHour(), a.latestEndHour());
    }

    /** The specs of market appliances, in their order. */
    public static List<ApplianceSpec> of(List<Appliance> appliances) {
      return appliances.stream().map(ApplianceSpec::of).toList();
    }

    /**
     * The market's appliance of this spec, named {@code #k} for the {@code k}-th (1-based) of its
     * bid.
     *
     * @throws IllegalArgumentException naming the field and value that is out of range
     */
    public Appliance appliance(int k) {
      return new Appliance("#" + k, powerKw, durationHours, earliestStartHour, latestEndHour);
    }
  }

  /**
   * A household's dispatch for the day, per interval, in kWh.
   *
   * @param socKwh battery state of charge at the end of each interval (zeros without battery)
   */
  record Schedule(
      double[] importKwh,
      double[] exportKwh,
      double[] buyKwh,
      double[] sellKwh,
      double[] chargeKwh,
      double[] dischargeKwh,
      double[] socKwh) {}

  /**
   * REQUEST from a household to the coordinator: register with these assets. A central bid may
   * offer the declared flexible demand or withhold it, nothing else ({@link ReceiptCheck#bid}).
   *
   * @param battery the battery, or null for none
   * @param ev the electric vehicle, or null for none
   * @param appliances the deferrable appliances (empty for none; null is read as none)
   */
  record JoinRequest(
      String householdId,
      String kind,
      String group,
      double dailyIncomeEur,
      double pvKwp,
      BatterySpec battery,
      EvSpec ev,
      List<ApplianceSpec> appliances,
      double importLimitKw,
      double exportLimitKw)
      implements Message {

    /** The join of a household as the market models it, with these connection limits. */
    public static JoinRequest of(Household h, double importLimitKw, double exportLimitKw) {
      return new JoinRequest(
          h.id(),
          h.kind().name(),
          h.group(),
          h.dailyIncomeEur(),
          h.pvKwp(),
          BatterySpec.of(h.battery()),
          EvSpec.of(h.flex().ev()),
          ApplianceSpec.of(h.flex().appliances()),
          importLimitKw,
          exportLimitKw);
    }
  }

  /** INFORM from the coordinator: the household is registered. */
  record JoinAccepted(String householdId, int participants) implements Message {}

  /** CFP of a trading day (central mode) or of its first round (decentralised mode). */
  record CallForProposals(
      int protocolVersion,
      int day,
      int dayOfYear,
      double intervalHours,
      double[] importPriceEurPerKwh,
      double[] exportPriceEurPerKwh,
      double peakChargeEurPerKw,
      long deadlineVirtualSeconds,
      String mode)
      implements Message {}

  /**
   * PROPOSE of the central mode: profiles and assets for the day as the strategy chose to reveal.
   *
   * @param battery the battery offered for the day, or null for none (or withheld)
   * @param ev the electric vehicle offered as flexible demand, or null for none (or withheld)
   * @param appliances the deferrable appliances offered as flexible demand (empty for none; null is
   *     read as none)
   * @param buyMaxEurPerKwh reservation price to buy, or null for the import tariff
   * @param sellMinEurPerKwh reservation price to sell, or null for the export tariff
   */
  record Bid(
      String householdId,
      int day,
      double[] loadKwh,
      double[] pvKwh,
      double pvKwp,
      BatterySpec battery,
      double initialSocKwh,
      EvSpec ev,
      List<ApplianceSpec> appliances,
      double importLimitKw,
      double exportLimitKw,
      Double buyMaxEurPerKwh,
      Double sellMinEurPerKwh,
      String strategy)
      implements Message {}

  /** ACCEPT_PROPOSAL: the bid is cleared with this schedule at these pool prices. */
  record Acceptance(int day, Schedule schedule, double[] poolPriceEurPerKwh) implements Message {}

  /** REJECT_PROPOSAL: the bid is not part of the day's clearing (late, or not understood). */
  record Rejection(int day, String reason) implements Message {}

  /** INFORM after clearing: the household's settlement. */
  record SettlementInform(
      int day,
      String householdId,
      double energyCostEur,
      double standaloneCostEur,
      double shareEur,
      double billEur,
      String explanation)
      implements Message {}

  /**
   * CONFIRM from the household: it received its settlement of the day. The platform waits for these
   * before it ends (a message still in flight to another JVM is lost when the main container
   * stops).
   */
  record SettlementReceived(int day, String householdId) implements Message {}

  /** CFP of a decentralised round: the pool prices households schedule against. */
  record PricesAnnouncement(
      int day, int round, double[] poolPriceEurPerKwh, long deadlineVirtualSeconds)
      implements Message {}

  /**
   * PROPOSE of a decentralised round: the household's own schedule as a net profile.
   *
   * @param netKwh import minus export per interval (negative when it feeds in)
   * @param applianceStartIntervals the chosen start interval of each deferrable appliance: its own,
   *     then those of its flexible demand in their declared order
   * @param flexKwh since protocol version 6, its flexible load per interval (docs/model.md,
   *     "Flexible demand": its EV's charging, its appliances while they run), included in {@code
   *     netKwh}; null for a household without flexible demand (it sends nothing more than before)
   * @param scheduleNote how the schedule was found (optimal, best found, or the fallback reason)
   */
  record NetProfileBid(
      String householdId,
      int day,
      int round,
      double[] netKwh,
      double[] chargeKwh,
      double[] dischargeKwh,
      List<Integer> applianceStartIntervals,
      double[] flexKwh,
      String strategy,
      String scheduleNote)
      implements Message {}

  /**
   * CFP of a decomposition round: the household's column prices (the master's duals folded into its
   * tariff). The household answers a {@link ScheduleBid} with its cheapest schedule at them.
   */
  record ColumnPricesCall(
      int day, int round, Signal.ColumnPrices prices, long deadlineVirtualSeconds)
      implements Message {}

  /**
   * CFP of an exchange-ADMM round: the shifts, penalty, the household's own weight and the pool
   * price of its proximal step. The household answers a {@link ScheduleBid}.
   */
  record ProximalPricesCall(
      int day, int round, Signal.ProximalPrices prices, long deadlineVirtualSeconds)
      implements Message {}

  /**
   * INFORM reply of a household to the day's terms (a REQUEST {@link CallForProposals}) before a
   * decomposition: per interval, its own load minus PV as its strategy reveals them (kWh; negative
   * when it gives). The master needs it to know in which intervals the pool can trade, which grid
   * direction admits an idle battery, and to split ties between import and pool; it is no more than
   * any of its columns reveals (the balance {@code L − G = imp + buy + dis − exp − sell − ch −
   * cur}). A household that joined with nothing to schedule (no battery, EV or appliance) gets no
   * column-price calls afterwards: its relaxation's cheapest column is a function of this net load,
   * its connection limits and the prices, so the coordinator computes it (docs/negotiation.md,
   * "Households with nothing to schedule"). Since protocol version 7 it carries the household's
   * bidding strategy, as its bids do.
   *
   * @param strategy the bidding strategy the household declares
   */
  record IdleNetLoad(String householdId, int day, double[] netLoadKwh, String strategy)
      implements Message {}

  /**
   * PROPOSE of a decomposition or ADMM round: the household's own schedule (a column), nothing
   * more. Since protocol version 5 the schedule carries {@code flexKwh}: a household with flexible
   * demand sends its flexible load per interval (its EV's charging), one without sends {@code
   * null}.
   *
   * @param schedule per interval, kWh
   * @param strategy the bidding strategy the household declares
   */
  record ScheduleBid(
      String householdId, int day, int round, Answer.Schedule schedule, String strategy)
      implements Message {}

  /**
   * INFORM from the coordinator to the equity learner after a day is settled: the day's equity
   * metrics (DESIGN.md section 5), asking for the next day's weights. Maps are keyed by group;
   * burdens are fractions of daily income, after settlement; NaN means undefined.
   *
   * @param day the day just settled
   * @param nextDayOfYear day of the year (1..366) of the day whose weights are asked for
   * @param giniEnergyBurden Gini of energy burden over all households (NaN when the mean is ≤ 0)
   * @param giniEnergyBurdenNetPayers Gini of energy burden over the households with a positive bill
   *     (NaN when there is none)
   * @param largestEnergyBurden the largest energy burden
   * @param leastAdvantagedMeanEnergyBurden mean burden of the least-advantaged groups (NaN when
   *     none is in the community)
   * @param shareEnergyBurdenAbove6Percent share of households above a 6 % burden
   * @param burdenDifference per group, mean burden minus the community mean burden
   * @param accessDifference per group, mean renewable access minus the community mean access
   * @param burdenGap per group, mean burden over the community mean
   * @param accessGap per group, mean renewable access over the community mean
   * @param priceOfFairness share of the cost-minimising gain given up, {@code (v_cost(N) −
   *     v_{w,ρ}(N)) / v_cost(N)}; NaN when undefined ({@code v_cost(N) ≤ ε})
   * @param rawlsianMinimum minimum relative savings after settlement over the least-advantaged
   *     groups
   * @param weights the weights the day ran with
   * @param deadlineVirtualSeconds when the reply is due
   */
  record EquityMetrics(
      int day,
      int nextDayOfYear,
      double giniEnergyBurden,
      double giniEnergyBurdenNetPayers,
      double largestEnergyBurden,
      double leastAdvantagedMeanEnergyBurden,
      double shareEnergyBurdenAbove6Percent,
      Map<String, Double> burdenDifference,
      Map<String, Double> accessDifference,
      Map<String, Double> burdenGap,
      Map<String, Double> accessGap,
      double priceOfFairness,
      double rawlsianMinimum,
      Map<String, Double> weights,
      long deadlineVirtualSeconds)
      implements Message {}

  /** INFORM reply of the equity learner: the group weights of {@code day}. */
  record NextWeights(int day, Map<String, Double> weights) implements Message {}

  /** Content of NOT_UNDERSTOOD and REFUSE: why. */
  record Problem(String reason) implements Message {}
}
