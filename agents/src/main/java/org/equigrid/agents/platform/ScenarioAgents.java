package org.equigrid.agents.platform;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.IntFunction;
import java.util.function.LongFunction;
import org.equigrid.agents.coordinator.Admission;
import org.equigrid.agents.coordinator.CoordinatorSettings;
import org.equigrid.agents.coordinator.DayTerms;
import org.equigrid.agents.coordinator.MarketMode;
import org.equigrid.agents.household.BiddingStrategy;
import org.equigrid.agents.household.HouseholdSetup;
import org.equigrid.agents.learning.equity.EquityPolicy;
import org.equigrid.agents.protocol.Message.BatterySpec;
import org.equigrid.agents.protocol.Message.JoinRequest;
import org.equigrid.agents.protocol.ReceiptCheck;
import org.equigrid.config.Scenario;
import org.equigrid.config.Suggestions;
import org.equigrid.market.model.Household;
import org.equigrid.market.model.Tariff;
import org.equigrid.market.negotiation.NegotiationName;

/**
 * A scenario as agents: one household setup per household, the terms of each day, strategies by
 * name.
 */
public final class ScenarioAgents {

  /**
   * The strategies a run can name, each registered once: the function takes the household's noise
   * seed, and the name a run uses is the strategy's own {@link BiddingStrategy#name()}.
   */
  private static final List<LongFunction<BiddingStrategy>> REGISTERED =
      List.of(
          seed -> BiddingStrategy.truthful(),
          seed -> BiddingStrategy.withholdFlexibility(),
          seed -> BiddingStrategy.inflatePeak(1.5, 17, 21),
          seed -> BiddingStrategy.noisyForecast(seed, 0.1));

  private static final Map<String, LongFunction<BiddingStrategy>> BY_NAME = byName(REGISTERED);

  /**
   * The names {@link #strategy} accepts: the registered strategies' own names, in registration
   * order.
   */
  public static final List<String> STRATEGY_NAMES = List.copyOf(BY_NAME.keySet());

  private static Map<String, LongFunction<BiddingStrategy>> byName(
      List<LongFunction<BiddingStrategy>> factories) {
    Map<String, LongFunction<BiddingStrategy>> byName = new java.util.LinkedHashMap<>();
    for (LongFunction<BiddingStrategy> factory : factories) {
      String name = factory.apply(0).name();
      if (byName.put(name, factory) != null) {
        throw new IllegalStateException("two registered strategies are named " + name);
      }
    }
    return java.util.Collections.unmodifiableMap(byName);
  }

  private ScenarioAgents() {}

  /**
   * The households of the scenario (sorted by id) with their true profiles for every day, no
   * deferrable appliances, the connection limits of day 0's tariff, and a strategy each (truthful
   * unless named in {@code strategies}).
   */
  public static List<HouseholdSetup> setups(
      Scenario scenario, Map<String, BiddingStrategy> strategies) {
    List<Household> households = scenario.households();
    for (String id : strategies.keySet()) {
      if (households.stream().noneMatch(h -> h.id().equals(id))) {
        throw new IllegalArgumentException(
            "a strategy is set for "
                + id
                + ", which is not a household of "
                + scenario.name()
                + ". Maybe you meant "
                + households.get(0).id()
                + ".");
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
      HouseholdSetup setup =
          HouseholdSetup.truthful(
              h, load[i], pv[i], tariff.importLimitKw(), tariff.exportLimitKw());
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

  /**
   * The scenario's fingerprint a joiner must show: hex SHA-256 of its effective canonical YAML
   * (after overrides) and its seed.
   */
  public static String fingerprint(Scenario scenario) {
    try {
      java.security.MessageDigest digest = java.security.MessageDigest.getInstance("SHA-256");
      digest.update(scenario.canonicalYaml().getBytes(java.nio.charset.StandardCharsets.UTF_8));
      digest.update(
          ("\nseed: " + scenario.seed()).getBytes(java.nio.charset.StandardCharsets.UTF_8));
      return java.util.HexFormat.of().formatHex(digest.digest());
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is not available in this JVM", e);
    }
  }

  /**
   * The start of the REFUSE reason of a join for an id that is not one of the scenario's
   * households.
   */
  public static final String UNKNOWN_HOUSEHOLD =
      "The household id is not one of this run's households";

  /**
   * The start of the REFUSE reason of a join whose attributes differ from the scenario's household.
   */
  public static final String OTHER_ATTRIBUTES = "The join differs from the scenario's household";

  /**
   * Who may join a run of this scenario: its households exactly as it defines them (kind, group,
   * income, PV, battery, connection limits of day 0, EV and deferrable appliances), showing its
   * {@link #fingerprint}.
   */
  public static Admission admission(Scenario scenario) {
    Map<String, HouseholdSetup> byId = new java.util.HashMap<>();
    for (HouseholdSetup s : setups(scenario, Map.of())) {
      byId.put(s.household().id(), s);
    }
    List<Household> households = scenario.households();
    String range = households.get(0).id() + ".." + households.get(households.size() - 1).id();
    java.util.Set<String> ids = new java.util.TreeSet<>(byId.keySet());
    return new Admission(
        fingerprint(scenario),
        join -> {
          HouseholdSetup s = byId.get(join.householdId());
          if (s == null) {
            return Optional.of(
                UNKNOWN_HOUSEHOLD
                    + ": "
                    + join.householdId()
                    + " (this run has "
                    + households.size()
                    + " households, "
                    + range
                    + ")");
          }
          Household h = s.household();
          BatterySpec b = join.battery();
          var own = h.battery();
          String differs =
              !h.kind().name().equals(join.kind())
                  ? "kind " + join.kind() + ", expected " + h.kind()
                  : !h.group().equals(join.group())
                      ? "group " + join.group() + ", expected " + h.group()
                      : h.dailyIncomeEur() != join.dailyIncomeEur()
                          ? "dailyIncomeEur "
                              + join.dailyIncomeEur()
                              + ", expected "
                              + h.dailyIncomeEur()
                          : h.pvKwp() != join.pvKwp()
                              ? "pvKwp " + join.pvKwp() + ", expected " + h.pvKwp()
                              : (own == null) != (b == null)
                                      || own != null
                                          && (own.capacityKwh() != b.capacityKwh()
                                              || own.powerKw() != b.powerKw())
                                  ? "battery differs"
                                  : s.importLimitKw() != join.importLimitKw()
                                          || s.exportLimitKw() != join.exportLimitKw()
                                      ? "connection limits differ"
                                      : ReceiptCheck.flexDifference(
                                              join,
                                              JoinRequest.of(
                                                  h, s.importLimitKw(), s.exportLimitKw()))
                                          .orElse(null);
          return differs == null
              ? Optional.empty()
              : Optional.of(
                  OTHER_ATTRIBUTES
                      + " "
                      + h.id()
                      + ": "
                      + differs
                      + ". Maybe the joiner read another scenario.");
        },
        ids);
  }

  /** The start of the refusal of a decentralised agent run of a scenario with flexible demand. */
  public static final String DECENTRALISED_FLEX =
      "--mode decentralised cannot model this flexible demand under this mechanism";

  /**
   * Why the agents cannot run {@code scenario} as {@code coordinator} says, or empty when they can:
   * the central mode carries every household's flexible demand in its bid, the decomposition models
   * it in the households' own columns (an EV's charging continuous, the appliances' starts integer
   * in each household's MILP, whole starts chosen by the restricted master IP), and the
   * tâtonnement's households schedule their EV's charging and their appliances' starts against the
   * announced prices with {@code HouseholdScheduler} (Choco). ADMM's proximal step is convex: it
   * models an EV's charging but would run an appliance in fractions (docs/negotiation.md), so a
   * scenario with appliances is refused under ADMM rather than answer another question than the
   * in-process run.
   */
  public static Optional<String> unsupported(Scenario scenario, CoordinatorSettings coordinator) {
    if (coordinator.mode() == MarketMode.CENTRAL
        || coordinator.negotiation() != NegotiationName.ADMM) {
      return Optional.empty();
    }
    long refused = scenario.households().stream().filter(h -> h.flex().hasAppliances()).count();
    if (refused == 0) {
      return Optional.empty();
    }
    return Optional.of(
        DECENTRALISED_FLEX
            + " (--negotiation "
            + coordinator.negotiation().key()
            + "): "
            + refused
            + " households of "
            + scenario.name()
            + " have `appliances`, whose starts are integer, and ADMM's households solve a convex"
            + " step that would run them in fractions. Supported: --negotiation decomposition or"
            + " tatonnement (EVs and appliances), or --mode central (the bids carry flexible"
            + " demand; docs/agents.md, docs/negotiation.md).");
  }

  /** What the coordinator announces each day: the scenario's calendar and tariff. */
  public static IntFunction<DayTerms> terms(Scenario scenario) {
    return d ->
        new DayTerms(scenario.dayOfYear(d), scenario.intervalHours(), scenario.tariffs().forDay(d));
  }

  /**
   * A strategy by its name ({@link #STRATEGY_NAMES}): {@code truthful}; {@code
   * withhold-flexibility} hides the battery and bids its flexible demand as fixed load at the
   * earliest times; {@code inflate-peak} claims 1.5 × its load from 17:00 to 21:00; {@code
   * noisy-forecast} bids load and PV with 10 % seeded noise (seed = scenario seed × 1,000,003 + the
   * household's 1-based index, so a run is reproducible).
   */
  public static BiddingStrategy strategy(String name, Scenario scenario, String householdId) {
    int index = 0;
    for (int i = 0; i < scenario.households().size(); i++) {
      if (scenario.households().get(i).id().equals(householdId)) {
        index = i + 1;
      }
    }
    LongFunction<BiddingStrategy> factory = BY_NAME.get(name.toLowerCase(Locale.ROOT));
    if (factory == null) {
      throw new IllegalArgumentException(
          "unknown strategy '"
              + name
              + "' for "
              + householdId
              + ". Allowed: "
              + STRATEGY_NAMES
              + "."
              + closestStrategy(name).map(guess -> " Maybe you meant " + guess + "?").orElse(""));
    }
    return factory.apply(scenario.seed() * 1_000_003L + index);
  }

  /**
   * The registered name a mistyped or shortened one most likely means ({@code withhold} → {@code
   * withhold-flexibility}), or empty.
   */
  public static Optional<String> closestStrategy(String name) {
    Map<String, String> spellings = new java.util.LinkedHashMap<>();
    for (String known : STRATEGY_NAMES) {
      spellings.putIfAbsent(known, known);
      spellings.putIfAbsent(known.replace("-", ""), known);
      spellings.putIfAbsent(known.split("-")[0], known);
    }
    String nearest = Suggestions.nearest(name.trim().replace('_', '-'), spellings.keySet());
    return Optional.ofNullable(nearest).map(spellings::get);
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
      throw new IllegalArgumentException(
          "households range '"
              + fromTo
              + "' must be FROM-TO with 1 <= FROM <= TO <= "
              + n
              + " (1-based indices into the scenario's households sorted by id). Maybe you meant 1-"
              + n
              + ".");
    }
    return scenario.households().subList(from - 1, to).stream().map(Household::id).toList();
  }
}
