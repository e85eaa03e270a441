/**
 * One trading day end to end, in-process: clearing, metrics, settlement, equity and explanations.
 * The runner, the agents' coordinator and the learning environment all go through it. {@link
 * AbsentHouseholds} merges a pool of bidders with the households that did not bid.
 */
package org.equigrid.market.day;
