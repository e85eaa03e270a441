/**
 * Household agents (consumers and prosumers): they join the community, bid each day through a
 * pluggable {@link org.equigrid.agents.household.BiddingStrategy}, and in the decentralised mode
 * schedule their battery and deferrable appliances with Choco against announced pool prices. Their
 * solves share one bound per JVM ({@code SolveGate}: at most {@code equigrid.household.solves} at
 * once).
 */
package org.equigrid.agents.household;
