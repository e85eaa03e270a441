/**
 * The coordinator agent: registers with the Directory Facilitator, runs each trading day as a FIPA
 * contract net (or decentralised price rounds) and settles the day through a {@link
 * org.equigrid.agents.coordinator.DayMarket}; with adaptive weights it reports each settled day's
 * equity metrics to the learner agent and clears the next day with the weights it answers.
 */
package org.equigrid.agents.coordinator;
