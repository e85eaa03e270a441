/**
 * The equity weights as a learning problem (DESIGN.md section 5): one step is one trading day of a
 * scenario, the action sets the socio-economic weights, the reward is the negative Gini of energy
 * burden minus the price of fairness and a penalty on weight changes.
 */
package org.equigrid.agents.learning.equity;
