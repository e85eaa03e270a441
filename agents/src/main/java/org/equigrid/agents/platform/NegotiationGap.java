package org.equigrid.agents.platform;

import java.util.ArrayList;
import java.util.List;
import org.equigrid.agents.coordinator.DayResult;
import org.equigrid.agents.coordinator.PipelineMarket;
import org.equigrid.config.Scenario;
import org.equigrid.market.clearing.ClearingResult;
import org.equigrid.market.day.SettledDay;
import org.equigrid.market.model.TradingDay;
import org.equigrid.market.negotiation.NegotiationLog;
import org.equigrid.market.negotiation.RoundRecord;

/**
 * How far each day of an agent run is from the central optimum: the community's cost of the day
 * (pool, standalone households and peak charge) against the cost-minimising optimum of the whole
 * community on its true profiles from the same states of charge ({@link
 * org.equigrid.agents.coordinator.PipelineMarket#centralOptimum}), with the day's price rounds.
 * Written to {@code negotiation-days.csv} by the experiments' results writers.
 *
 * @param day the day index
 * @param mode how it was negotiated
 * @param rounds price rounds (1 in the central mode)
 * @param awardedRound the round whose bids were awarded (0-based)
 * @param converged whether the prices settled within the tolerance
 * @param communityCostEur what the community paid that day
 * @param centralOptimumEur the cost-minimising optimum, a lower bound (NaN when unavailable)
 * @param optimumStatus the optimum's solver status
 * @param loadCostEur the community's load at the import price (no PV, batteries or trading): the
 *     scale the gap is read against
 * @param certifiedGap the last round's {@link RoundRecord#certifiedGap} (decomposition: how far its
 *     objective is at most from the optimum of what it negotiated, relative); NaN for the other
 *     mechanisms and the central mode
 */
public record NegotiationGap(
    int day,
    String mode,
    int rounds,
    int awardedRound,
    boolean converged,
    double communityCostEur,
    double centralOptimumEur,
    String optimumStatus,
    double loadCostEur,
    double certifiedGap) {

  /** {@code communityCost − centralOptimum} (≥ 0 up to solver tolerance). */
  public double gapEur() {
    return communityCostEur - centralOptimumEur;
  }

  /** The gap relative to the community's load bill. */
  public double gapShareOfLoadCost() {
    return gapEur() / loadCostEur;
  }

  /**
   * Every day of a finished run that kept its days (solves each day's optimum once if it is not
   * known yet).
   */
  public static List<NegotiationGap> of(Scenario scenario, ScenarioRun.Result result) {
    List<NegotiationGap> rows = new ArrayList<>();
    for (int d = 0; d < result.protocol().size(); d++) {
      rows.add(ofDay(scenario, result.protocol().get(d), result.days().get(d), result.market()));
    }
    return rows;
  }

  /**
   * The row of one finished day, from what the coordinator saw and the day over the whole community
   * (solves the day's optimum if it is not known yet): what a run that drops its days keeps of
   * them.
   */
  public static NegotiationGap ofDay(
      Scenario scenario, DayResult protocol, SettledDay day, PipelineMarket market) {
    int d = protocol.day();
    ClearingResult optimum = market.centralOptimum(d).orElse(null);
    return new NegotiationGap(
        d,
        protocol.mode().key(),
        protocol.rounds(),
        protocol.awardedRound(),
        protocol.converged(),
        day.cleared().dispatch().totalCostEur(),
        optimum == null ? Double.NaN : optimum.totalCostEur(),
        optimum == null ? "NONE" : optimum.report().status().name(),
        loadCostEur(scenario.day(d, scenario.initialSocKwh())),
        lastCertifiedGap(protocol.negotiationRounds()));
  }

  /**
   * The rows of {@code negotiation.csv} of a decentralised run: each day's rounds as the
   * coordinator logged them (messages counted at the coordinator), objective {@code cost}, beside
   * the central cost-minimising optimum of the day ({@link
   * org.equigrid.agents.coordinator.PipelineMarket#centralOptimum}; NaN when unavailable). {@code
   * households} counts the community (standalone ones included). A run that dropped its days has no
   * rounds here: {@link #roundsOfDay} serves its listener.
   */
  public static List<NegotiationLog> rounds(ScenarioRun.Result result) {
    List<NegotiationLog> rows = new ArrayList<>();
    for (DayResult protocol : result.protocol()) {
      rows.addAll(roundsOfDay(protocol, result.market()));
    }
    return rows;
  }

  /** The rows of {@link #rounds} of one finished day. */
  public static List<NegotiationLog> roundsOfDay(DayResult protocol, PipelineMarket market) {
    ClearingResult optimum = market.centralOptimum(protocol.day()).orElse(null);
    double central = optimum == null ? Double.NaN : optimum.report().objectiveEur();
    int households = protocol.settled().size() + protocol.standalone().size();
    List<NegotiationLog> rows = new ArrayList<>();
    for (RoundRecord r : protocol.negotiationRounds()) {
      rows.add(
          new NegotiationLog(
              protocol.day(), households, protocol.negotiation(), "cost", r, central));
    }
    return rows;
  }

  private static double lastCertifiedGap(List<RoundRecord> rounds) {
    return rounds == null || rounds.isEmpty()
        ? Double.NaN
        : rounds.get(rounds.size() - 1).certifiedGap();
  }

  static double loadCostEur(TradingDay day) {
    double cost = 0;
    for (int i = 0; i < day.householdCount(); i++) {
      for (int t = 0; t < day.intervals(); t++) {
        cost += day.loadKwh()[i][t] * day.tariff().importPriceEurPerKwh()[t];
      }
    }
    return cost;
  }
}
