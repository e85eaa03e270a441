package org.equigrid.config;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.equigrid.market.clearing.PricingRule;
import org.equigrid.market.clearing.SolverOptions;
import org.equigrid.market.model.EquitySettings;
import org.equigrid.market.model.Household;
import org.equigrid.market.model.Tariff;
import org.equigrid.market.model.TradingDay;
import org.equigrid.market.negotiation.AdmmSettings;
import org.equigrid.market.negotiation.NegotiationName;
import org.equigrid.market.settlement.SettlementSettings;

/**
 * A validated scenario: the community, its profiles and tariff over the horizon, the market rule,
 * the equity settings and the solver options (config/README.md documents the file format).
 *
 * @param name short name, used in output folders
 * @param description one or two sentences for reports
 * @param sourceFile the file it was read from (or a label for scenarios built in code)
 * @param seed the run seed; profiles and generated communities follow from it
 * @param days number of trading days {@code D}
 * @param intervalHours {@code Δt}
 * @param intervalsPerDay {@code T = 24 / Δt}
 * @param startDayOfYear day of the year (1..365) of day index 0
 * @param households the participants, sorted by id, ids unique
 * @param trading false: every household stays alone, there is no pool
 * @param pricingRule the pool price rule
 * @param equity the equity settings with weights already normalised to population-weighted mean 1
 * @param solverOptions how to solve each day
 * @param groupShares population share of each group (sums to 1), sorted by group name
 * @param profiles load and PV per day, deterministic for the seed
 * @param tariffs the grid tariff of each day
 * @param canonicalYaml the effective scenario after overrides, defaults filled in, stable key order
 * @param adaptiveEquity adaptive weights ({@code equity.adaptive}), or null for static weights
 * @param settlement the settlement rule ({@code settlement}, DESIGN.md section 3b)
 * @param negotiation the decentralised mechanism ({@code market.negotiation}; tâtonnement when
 *     absent)
 * @param negotiationTolerance the decomposition's certified-gap stop ({@code
 *     market.negotiationTolerance}; {@link #NEGOTIATION_TOLERANCE} when absent)
 * @param admm the exchange ADMM's settings ({@code market.admm}; {@link AdmmSettings#defaults()}
 *     when absent or null)
 */
public record Scenario(
    String name,
    String description,
    String sourceFile,
    long seed,
    int days,
    double intervalHours,
    int intervalsPerDay,
    int startDayOfYear,
    List<Household> households,
    boolean trading,
    PricingRule pricingRule,
    EquitySettings equity,
    SolverOptions solverOptions,
    Map<String, Double> groupShares,
    Profiles profiles,
    TariffSchedule tariffs,
    String canonicalYaml,
    AdaptiveEquity adaptiveEquity,
    SettlementSettings settlement,
    NegotiationName negotiation,
    double negotiationTolerance,
    AdmmSettings admm) {

  /** The decomposition's certified-gap stop when {@code market.negotiationTolerance} is absent. */
  public static final double NEGOTIATION_TOLERANCE = 1e-3;

  /** Load and PV of every household for one day, rows in the order of {@link #households()}. */
  public interface Profiles {
    /** {@code L[i][t]} in kWh for day {@code dayIndex}. */
    double[][] loadKwh(int dayIndex);

    /** {@code G[i][t]} in kWh for day {@code dayIndex}. */
    double[][] pvKwh(int dayIndex);
  }

  /** The grid tariff of each day. */
  @FunctionalInterface
  public interface TariffSchedule {
    Tariff forDay(int dayIndex);
  }

  public Scenario {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(profiles, "profiles");
    Objects.requireNonNull(tariffs, "tariffs");
    Objects.requireNonNull(pricingRule, "pricingRule");
    Objects.requireNonNull(equity, "equity");
    Objects.requireNonNull(solverOptions, "solverOptions");
    settlement = settlement == null ? SettlementSettings.defaults() : settlement;
    negotiation = negotiation == null ? NegotiationName.TATONNEMENT : negotiation;
    admm = admm == null ? AdmmSettings.defaults() : admm;
    if (!(negotiationTolerance >= 0 && negotiationTolerance < 1)) {
      throw new IllegalArgumentException(
          "negotiationTolerance (" + negotiationTolerance + ") must be in [0, 1)");
    }
    description = description == null ? "" : description;
    canonicalYaml = canonicalYaml == null ? "" : canonicalYaml;
    List<Household> sorted = new ArrayList<>(households);
    sorted.sort((a, b) -> a.id().compareTo(b.id()));
    Set<String> ids = new HashSet<>();
    for (Household household : sorted) {
      if (!ids.add(household.id())) {
        throw new IllegalArgumentException("duplicate household id " + household.id());
      }
    }
    households = List.copyOf(sorted);
    groupShares = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(groupShares));
    if (days < 1) {
      throw new IllegalArgumentException("days (" + days + ") must be >= 1");
    }
    if (!(intervalHours > 0) || Math.abs(intervalHours * intervalsPerDay - 24) > 1e-9) {
      throw new IllegalArgumentException(
          "intervalHours ("
              + intervalHours
              + ") x intervalsPerDay ("
              + intervalsPerDay
              + ") must be 24");
    }
    if (startDayOfYear < 1 || startDayOfYear > 365) {
      throw new IllegalArgumentException(
          "startDayOfYear (" + startDayOfYear + ") must be in [1, 365]");
    }
  }

  /** Day of the year (1..365) of a day index; the calendar wraps after day 365. */
  public int dayOfYear(int dayIndex) {
    return Math.floorMod(startDayOfYear - 1 + dayIndex, 365) + 1;
  }

  /** State of charge at the start of the run per household (0 without a battery). */
  public double[] initialSocKwh() {
    double[] soc = new double[households.size()];
    for (int i = 0; i < soc.length; i++) {
      Household household = households.get(i);
      soc[i] = household.hasBattery() ? household.battery().initialSocKwh() : 0.0;
    }
    return soc;
  }

  /** The clearing input of one day: profiles sliced for that day and that day's tariff. */
  public TradingDay day(int dayIndex, double[] initialSocKwh) {
    if (dayIndex < 0) {
      throw new IllegalArgumentException("dayIndex (" + dayIndex + ") must be >= 0");
    }
    return new TradingDay(
        dayIndex,
        dayOfYear(dayIndex),
        intervalHours,
        households,
        profiles.loadKwh(dayIndex),
        profiles.pvKwh(dayIndex),
        initialSocKwh,
        tariffs.forDay(dayIndex));
  }

  /** The group of each household, in household order. */
  public List<String> groups() {
    return households.stream().map(Household::group).toList();
  }
}
