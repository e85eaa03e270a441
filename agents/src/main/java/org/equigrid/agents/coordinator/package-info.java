/**
 * The coordinator agent: registers with the Directory Facilitator, runs each trading day as a FIPA
 * contract net (or decentralised price rounds) and settles the day through a {@link
 * org.equigrid.agents.coordinator.DayMarket}; with adaptive weights it reports each settled day's
 * equity metrics to the learner agent and clears the next day with the weights it answers. The
 * agent and its {@link org.equigrid.agents.coordinator.DayRun} only message; the market's days are
 * built by {@link org.equigrid.agents.coordinator.TradingDays} and the negotiation's rounds kept by
 * {@code market.negotiation.NegotiationSession}.
 */
package org.equigrid.agents.coordinator;
