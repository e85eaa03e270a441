package org.equigrid.experiments.serve;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.TreeMap;
import org.equigrid.agents.platform.ScenarioAgents;
import org.equigrid.config.Scenario;
import org.equigrid.market.clearing.PricingRule;
import org.equigrid.market.model.Household;
import org.equigrid.market.negotiation.NegotiationLog;
import org.equigrid.market.negotiation.RoundRecord;
import org.equigrid.market.settlement.SettlementSettings;

/**
 * The JSON the live view's API answers with: a run's state and negotiation rounds, a household, the
 * scenario with its allowed settings, a finished run's results.
 */
final class RunViews {

  private final ObjectMapper mapper;

  RunViews(ObjectMapper mapper) {
    this.mapper = mapper;
  }

  ObjectNode status(LiveRun run) {
    return status(run, 0);
  }

  /**
   * A run's state; {@code negotiationRounds} holds its rounds from index {@code roundsFrom} on
   * ({@code negotiationRoundsTotal} counts them all): while a decentralised run plays, the rounds
   * recorded so far, so the page polls only the new ones.
   */
  ObjectNode status(LiveRun run, int roundsFrom) {
    ObjectNode out =
        mapper
            .createObjectNode()
            .put("id", run.id())
            .put("label", run.label())
            .put("state", run.state().name().toLowerCase(Locale.ROOT))
            .put("messages", run.log().size())
            .put("daysFinished", run.daysFinished())
            .put("days", run.scenario().days())
            .put("mechanism", run.mechanism())
            .put("wallSeconds", run.wallSeconds());
    out.set("settings", mapper.valueToTree(run.settings()));
    out.set("effective", settingsOf(run.scenario(), run.mechanism()));
    if (run.error() != null) {
      out.put("error", run.error());
    }
    out.set("roundPrices", mapper.valueToTree(run.log().roundPrices()));
    List<NegotiationLog> rounds = run.negotiationRounds();
    out.put("negotiationRoundsTotal", rounds.size()).put("roundsFrom", roundsFrom);
    out.set(
        "negotiationRounds",
        roundsNode(rounds.subList(Math.min(roundsFrom, rounds.size()), rounds.size())));
    return out;
  }

  /**
   * The rounds of a decentralised run, one object per round with the columns of {@code
   * negotiation.csv} (docs/results-schema.md); an undefined value is null.
   */
  private ArrayNode roundsNode(List<NegotiationLog> rows) {
    ArrayNode out = mapper.createArrayNode();
    for (NegotiationLog row : rows) {
      RoundRecord r = row.record();
      ObjectNode node =
          out.addObject()
              .put("day", row.day())
              .put("households", row.households())
              .put("mechanism", row.mechanism())
              .put("objective", row.objective())
              .put("round", r.round());
      number(node, "primalResidualKwh", r.primalResidualKwh());
      number(node, "dualResidualEurPerKwh", r.dualResidualEurPerKwh());
      number(node, "objectiveEur", r.objectiveEur());
      number(node, "lowerBoundEur", r.lowerBoundEur());
      number(node, "certifiedGap", r.certifiedGap());
      number(node, "communityCostEur", r.communityCostEur());
      number(node, "centralOptimumEur", row.centralOptimumEur());
      number(node, "gapToCentral", row.gapToCentral());
      node.put("messages", r.messages())
          .put("payloadBytes", r.payloadNumbers() * NegotiationLog.BYTES_PER_NUMBER);
      ArrayNode prices = node.putArray("poolPriceEurPerKwh");
      for (double price : r.poolPriceEurPerKwh()) {
        if (Double.isFinite(price)) {
          prices.add(price);
        } else {
          prices.addNull();
        }
      }
    }
    return out;
  }

  private static void number(ObjectNode node, String field, double value) {
    if (Double.isFinite(value)) {
      node.put(field, value);
    } else {
      node.putNull(field);
    }
  }

  /** A finished run's results folder; a run not done yet is a conflict. */
  ObjectNode runResults(LiveRun run) throws IOException {
    if (run.state() != LiveRun.State.DONE) {
      throw ApiException.conflict(
          "run "
              + run.id()
              + " is "
              + run.state().name().toLowerCase(Locale.ROOT)
              + (run.error() != null ? ": " + run.error() : "; its results come when it is done"));
    }
    return ResultsFolder.runView(run.dir(), mapper);
  }

  ObjectNode householdNode(Household h) {
    return mapper
        .createObjectNode()
        .put("id", h.id())
        .put("group", h.group())
        .put("kind", h.kind().name().toLowerCase(Locale.ROOT))
        .put("pvKwp", h.pvKwp())
        .put("batteryKwh", h.hasBattery() ? h.battery().capacityKwh() : 0)
        .put("dailyIncomeEur", h.dailyIncomeEur());
  }

  private ObjectNode settingsOf(Scenario scenario, String mechanism) {
    ObjectNode out = mapper.createObjectNode();
    out.set("weights", mapper.valueToTree(new TreeMap<>(scenario.equity().weightByGroup())));
    out.put("rawlsianStrengthEur", scenario.equity().rawlsianStrengthEur())
        .put("pricing", kebab(scenario.pricingRule().name()))
        .put("settlementRule", scenario.settlement().rule().fileName())
        .put("mechanism", mechanism);
    return out;
  }

  private static String kebab(String enumName) {
    return enumName.toLowerCase(Locale.ROOT).replace('_', '-');
  }

  /** The scenario served, its households and groups, the default and the allowed settings. */
  ObjectNode scenarioView(Scenario base, boolean classroom, boolean resultsFolder) {
    ObjectNode out =
        mapper
            .createObjectNode()
            .put("name", base.name())
            .put("description", base.description())
            .put("days", base.days())
            .put("intervalsPerDay", base.intervalsPerDay())
            .put("intervalHours", base.intervalHours())
            .put("classroom", classroom)
            .put("resultsFolder", resultsFolder);
    ArrayNode households = out.putArray("households");
    base.households().forEach(h -> households.add(householdNode(h)));
    out.set("groups", mapper.valueToTree(base.groups().stream().distinct().sorted().toList()));
    out.set("defaults", settingsOf(base, RunSettings.Mechanism.CENTRAL.key()));
    ObjectNode allowed = out.putObject("allowed");
    allowed.set(
        "pricing",
        mapper.valueToTree(
            java.util.Arrays.stream(PricingRule.values()).map(r -> kebab(r.name())).toList()));
    allowed.set(
        "settlementRule",
        mapper.valueToTree(
            java.util.Arrays.stream(SettlementSettings.Rule.values())
                .map(SettlementSettings.Rule::fileName)
                .toList()));
    allowed.set("mechanism", mapper.valueToTree(RunSettings.Mechanism.keys()));
    allowed.set("strategy", mapper.valueToTree(ScenarioAgents.STRATEGY_NAMES));
    return out;
  }
}
