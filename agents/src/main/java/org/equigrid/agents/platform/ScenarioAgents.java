package org.equigrid.agents.platform;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.IntFunction;
import org.equigrid.agents.coordinator.DayTerms;
import org.equigrid.agents.household.BiddingStrategy;
import org.equigrid.agents.household.HouseholdSetup;
import org.equigrid.agents.learning.equity.EquityPolicy;
import org.equigrid.config.Scenario;
import org.equigrid.market.model.Household;
import org.equigrid.market.model.Tariff;

/** A scenario as agents: one household setup per household, the terms of each day, strategies by name. */
public final class ScenarioAgents {

  /** The names {@link #strategy} accepts. */
  public static final List<String> STRATEGY_NAMES = List.of("truthful", "withhold", "inflate", "noisy");

  private ScenarioAgents() {}

  /**
   * The households of the scenario (sorted by id) with their true profiles for every day, no
   * deferrable appliances, the connection limits of day 0's tariff, and a strategy each (truthful
   * unless named in {@code strategies}).
   */
  public static List<HouseholdSetup> setups(Scenario scenario, Map<String, BiddingStrategy> strategies) {
    List<Household> households = scenario.households();
    for (String id : strategies.keySet()) {
      if (households.stream().noneMatch(h -> h.id().equals(id))) {
        throw new IllegalArgumentException("a strategy is set for " + id + ", which is not a household of "
            + scenario.name() + ". Maybe you meant " + households.get(0).id() + ".");
      }
    }
    int n = households.size();
    int days = scenario.days();
    double[][][] load = new double[n][days][];
    double[][][] pv = new double[n][days][];
    for (int d = 0; d < days; d++) {
      double[][] l = scenario.profiles().loadKwh(d);
      double[][] g = scenario.profiles().pvKwh(d);
      for (int i = 0; i < n; i++) {
        load[i][d] = l[i];
        pv[i][d] = g[i];
      }
    }
    Tariff tariff = scenario.tariffs().forDay(0);
    List<HouseholdSetup> setups = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      Household h = households.get(i);
      HouseholdSetup setup = HouseholdSetup.truthful(h, load[i], pv[i], tariff.importLimitKw(), tariff.exportLimitKw());
      BiddingStrategy strategy = strategies.get(h.id());
      setups.add(strategy == null ? setup : setup.withStrategy(strategy));
    }
    return setups;
  }

  /**
   * The trained policy of a scenario with adaptive equity ({@code equity.adaptive.policy}), or
   * empty for static weights (also when {@code policy: null}).
   *
   * @throws IllegalArgumentException when the checkpoint does not fit the scenario, naming why
   */
  public static Optional<EquityPolicy> policy(Scenario scenario) {
    if (scenario.adaptiveEquity() == null || !scenario.adaptiveEquity().hasPolicy()) {
      return Optional.empty();
    }
    return Optional.of(EquityPolicy.load(scenario.adaptiveEquity().policy(), scenario));
  }

  /** What the coordinator announces each day: the scenario's calendar and tariff. */
  public static IntFunction<DayTerms> terms(Scenario scenario) {
    return d -> new DayTerms(scenario.dayOfYear(d), scenario.intervalHours(), scenario.tariffs().forDay(d));
  }

  /**
   * A strategy by name: {@code truthful}; {@code withhold} hides the battery; {@code inflate}
   * claims 1.5 × its load from 17:00 to 21:00; {@code noisy} bids load and PV with 10 % seeded noise
   * (seed = scenario seed × 1,000,003 + the household's 1-based index, so a run is reproducible).
   */
  public static BiddingStrategy strategy(String name, Scenario scenario, String householdId) {
    int index = 0;
    for (int i = 0; i < scenario.households().size(); i++) {
      if (scenario.households().get(i).id().equals(householdId)) {
        index = i + 1;
      }
    }
    return switch (name.toLowerCase(Locale.ROOT)) {
      case "truthful" -> BiddingStrategy.truthful();
      case "withhold" -> BiddingStrategy.withholdFlexibility();
      case "inflate" -> BiddingStrategy.inflatePeak(1.5, 17, 21);
      case "noisy" -> BiddingStrategy.noisyForecast(scenario.seed() * 1_000_003L + index, 0.1);
      default -> throw new IllegalArgumentException(
          "unknown strategy '" + name + "' for " + householdId + ". Allowed: " + STRATEGY_NAMES + ".");
    };
  }

  /**
   * The households with 1-based indices {@code from..to} (inclusive) in the scenario's sorted
   * order, from a text like {@code 3-5} (or {@code 4} for one).
   */
  public static List<String> range(Scenario scenario, String fromTo) {
    int n = scenario.households().size();
    String[] parts = fromTo.trim().split("-", -1);
    int from;
    int to;
    try {
      from = Integer.parseInt(parts[0].trim());
      to = parts.length == 1 ? from : Integer.parseInt(parts[1].trim());
    } catch (NumberFormatException e) {
      from = -1;
      to = -1;
    }
    if (parts.length > 2 || from < 1 || to < from || to > n) {
      throw new IllegalArgumentException("households range '" + fromTo + "' must be FROM-TO with 1 <= FROM <= TO <= "
          + n + " (1-based indices into the scenario's households sorted by id). Maybe you meant 1-" + n + ".");
    }
    return scenario.households().subList(from - 1, to).stream().map(Household::id).toList();
  }
}
