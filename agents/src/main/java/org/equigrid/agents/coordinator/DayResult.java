package org.equigrid.agents.coordinator;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * One completed trading day as the coordinator saw it.
 *
 * @param day the day index
 * @param mode how it was negotiated
 * @param settled outcome per household that took part, sorted by id
 * @param standalone households that were standalone for the day, with the reason (missing, late,
 *     refused, unreachable), sorted by id
 * @param strategyByHousehold the bidding strategy each bidder declared
 * @param scheduleNoteByHousehold decentralised: how each household found its last schedule
 * @param flexKwhByHousehold decentralised: the flexible load per interval (docs/model.md, "Flexible
 *     demand") of each settled household with flexible demand in its awarded schedule, under every
 *     mechanism (kWh; the settlement clears the net profiles, which include it)
 * @param rounds call rounds of the day (1 in the central mode)
 * @param awardedRound decentralised: the round whose bids were awarded, the one whose net profiles
 *     cost the community least (0-based; 0 in the central mode)
 * @param converged decentralised: whether prices moved less than the tolerance; true when central
 * @param announcedPriceEurPerKwh decentralised: the last announced pool prices; central: empty
 * @param poolPriceEurPerKwh the market's pool prices
 * @param virtualEndSeconds virtual time when the day's protocol completed
 * @param negotiation decentralised: the mechanism's name ({@code NegotiationName#key}); central:
 *     empty
 * @param negotiationRounds decentralised: the mechanism's log, one record per round with the
 *     messages sent and received and the numbers they carried; central: empty
 * @param negotiatedObjectiveEur decentralised: the objective of what the mechanism awards (the
 *     community cost at weights 1: the cheapest round of the tâtonnement, the final master of the
 *     decomposition, the last restored schedules of ADMM), EUR; central: NaN
 */
public record DayResult(
    int day,
    MarketMode mode,
    Map<String, HouseholdOutcome> settled,
    SortedMap<String, String> standalone,
    SortedMap<String, String> strategyByHousehold,
    SortedMap<String, String> scheduleNoteByHousehold,
    SortedMap<String, double[]> flexKwhByHousehold,
    int rounds,
    int awardedRound,
    boolean converged,
    double[] announcedPriceEurPerKwh,
    double[] poolPriceEurPerKwh,
    long virtualEndSeconds,
    String negotiation,
    java.util.List<org.equigrid.market.negotiation.RoundRecord> negotiationRounds,
    double negotiatedObjectiveEur) {

  public DayResult {
    settled = Collections.unmodifiableMap(new LinkedHashMap<>(settled));
    standalone = Collections.unmodifiableSortedMap(new TreeMap<>(standalone));
    strategyByHousehold = Collections.unmodifiableSortedMap(new TreeMap<>(strategyByHousehold));
    scheduleNoteByHousehold =
        Collections.unmodifiableSortedMap(new TreeMap<>(scheduleNoteByHousehold));
    TreeMap<String, double[]> flex = new TreeMap<>();
    flexKwhByHousehold.forEach((id, kwh) -> flex.put(id, kwh.clone()));
    flexKwhByHousehold = Collections.unmodifiableSortedMap(flex);
    announcedPriceEurPerKwh = announcedPriceEurPerKwh.clone();
    poolPriceEurPerKwh = poolPriceEurPerKwh.clone();
    negotiationRounds = java.util.List.copyOf(negotiationRounds);
  }
}
