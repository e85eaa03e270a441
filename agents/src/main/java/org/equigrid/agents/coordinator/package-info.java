/**
 * The coordinator agent: registers with the Directory Facilitator, runs each trading day as a FIPA
 * contract net (or decentralised price rounds) and settles the day through a {@link
 * org.equigrid.agents.coordinator.DayMarket}.
 */
package org.equigrid.agents.coordinator;
