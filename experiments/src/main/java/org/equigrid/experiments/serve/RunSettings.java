package org.equigrid.experiments.serve;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.equigrid.agents.coordinator.MarketMode;
import org.equigrid.agents.household.BiddingStrategy;
import org.equigrid.agents.platform.ScenarioAgents;
import org.equigrid.config.Scenario;
import org.equigrid.market.negotiation.NegotiationName;
import org.equigrid.market.negotiation.PriceUpdate;

/**
 * What the page's form may change before a re-run; every field is optional (null keeps the
 * scenario's value). The equity and market fields become scenario overrides, so they are checked by
 * the same validation as a scenario file ({@code ScenarioReader}); the mechanism and the strategy
 * are checked here with the command line's messages.
 *
 * @param weights raw weight per group ({@code equity.weights})
 * @param rawlsianStrengthEur {@code ρ} ({@code equity.rawlsianStrengthEur})
 * @param pricing {@code market.pricing}
 * @param settlementRule {@code settlement.rule}
 * @param mechanism {@link Mechanism#key()}
 * @param strategyHousehold the household whose strategy changes
 * @param strategy its bidding strategy ({@link ScenarioAgents#STRATEGY_NAMES})
 */
record RunSettings(
    Map<String, Double> weights,
    Double rawlsianStrengthEur,
    String pricing,
    String settlementRule,
    String mechanism,
    String strategyHousehold,
    String strategy) {

  /**
   * How the agents negotiate a day: the coordinator's mode and, decentralised, the negotiation
   * mechanism ({@link NegotiationName}) and tâtonnement's price update.
   */
  enum Mechanism {
    CENTRAL("central", MarketMode.CENTRAL, NegotiationName.TATONNEMENT, PriceUpdate.MARGINAL),
    DECENTRALISED_TATONNEMENT(
        "decentralised-tatonnement",
        MarketMode.DECENTRALISED,
        NegotiationName.TATONNEMENT,
        PriceUpdate.MARGINAL),
    DECENTRALISED_TATONNEMENT_SUPPLY_DEMAND_RATIO(
        "decentralised-tatonnement-supply-demand-ratio",
        MarketMode.DECENTRALISED,
        NegotiationName.TATONNEMENT,
        PriceUpdate.SUPPLY_DEMAND_RATIO),
    DECENTRALISED_ADMM(
        "decentralised-admm", MarketMode.DECENTRALISED, NegotiationName.ADMM, PriceUpdate.MARGINAL),
    DECENTRALISED_DECOMPOSITION(
        "decentralised-decomposition",
        MarketMode.DECENTRALISED,
        NegotiationName.DECOMPOSITION,
        PriceUpdate.MARGINAL);

    private final String key;
    private final MarketMode mode;
    private final NegotiationName negotiation;
    private final PriceUpdate priceUpdate;

    Mechanism(String key, MarketMode mode, NegotiationName negotiation, PriceUpdate priceUpdate) {
      this.key = key;
      this.mode = mode;
      this.negotiation = negotiation;
      this.priceUpdate = priceUpdate;
    }

    String key() {
      return key;
    }

    MarketMode mode() {
      return mode;
    }

    /** The negotiation mechanism (decentralised; the coordinator's default when central). */
    NegotiationName negotiation() {
      return negotiation;
    }

    /** Tâtonnement's price update (only read by tâtonnement). */
    PriceUpdate priceUpdate() {
      return priceUpdate;
    }

    static List<String> keys() {
      return java.util.Arrays.stream(values()).map(Mechanism::key).toList();
    }
  }

  /**
   * A word the overrides may carry: no dots, brackets, braces or spaces that would change the path.
   */
  static final Pattern WORD = Pattern.compile("[A-Za-z][A-Za-z0-9_-]{0,39}");

  /** The field's message when a value is not a plain word. */
  static final String NOT_A_WORD = "must be a word of letters, digits, '-' or '_' (at most 40)";

  static RunSettings none() {
    return new RunSettings(null, null, null, null, null, null, null);
  }

  /** The scenario overrides of these settings; a field that is not a plain word is a problem. */
  Map<String, String> overrides() {
    List<String> problems = new ArrayList<>();
    Map<String, String> out = new LinkedHashMap<>();
    if (weights != null) {
      weights.forEach(
          (group, w) -> {
            if (group == null || !WORD.matcher(group).matches()) {
              problems.add("weights: group '" + group + "' " + NOT_A_WORD);
            } else if (w == null) {
              problems.add("weights." + group + ": a number is needed");
            } else {
              out.put("equity.weights." + group, Double.toString(w));
            }
          });
    }
    if (rawlsianStrengthEur != null) {
      out.put("equity.rawlsianStrengthEur", Double.toString(rawlsianStrengthEur));
    }
    word("pricing", pricing, "market.pricing", out, problems);
    word("settlementRule", settlementRule, "settlement.rule", out, problems);
    if (!problems.isEmpty()) {
      throw ApiException.badRequest(String.join("\n", problems));
    }
    return out;
  }

  private static void word(
      String field, String value, String key, Map<String, String> out, List<String> problems) {
    if (value == null) {
      return;
    }
    if (!WORD.matcher(value).matches()) {
      problems.add(field + " '" + value + "' " + NOT_A_WORD);
    } else {
      out.put(key, value);
    }
  }

  /** The mechanism named, central when none. */
  Mechanism parsedMechanism() {
    if (mechanism == null) {
      return Mechanism.CENTRAL;
    }
    for (Mechanism m : Mechanism.values()) {
      if (m.key().equalsIgnoreCase(mechanism)) {
        return m;
      }
    }
    throw ApiException.badRequest(
        "mechanism '" + mechanism + "' is not known. Allowed: " + Mechanism.keys() + ".");
  }

  /** The strategies of the run: the one household's, or none. */
  Map<String, BiddingStrategy> strategies(Scenario scenario) {
    if (strategy == null && strategyHousehold == null) {
      return Map.of();
    }
    if (strategy == null || strategyHousehold == null) {
      throw ApiException.badRequest(
          "strategy and strategyHousehold go together: name the household and its"
              + " strategy. Allowed strategies: "
              + ScenarioAgents.STRATEGY_NAMES
              + ".");
    }
    if (scenario.households().stream().noneMatch(h -> h.id().equals(strategyHousehold))) {
      throw ApiException.badRequest(
          "strategyHousehold '"
              + strategyHousehold
              + "': no such household in "
              + scenario.name()
              + ". Households: "
              + scenario.households().stream().map(h -> h.id()).limit(12).toList()
              + (scenario.households().size() > 12 ? " ..." : ""));
    }
    try {
      return Map.of(
          strategyHousehold,
          ScenarioAgents.strategy(strategy.toLowerCase(Locale.ROOT), scenario, strategyHousehold));
    } catch (IllegalArgumentException e) {
      throw ApiException.badRequest("strategy: " + e.getMessage());
    }
  }
}
