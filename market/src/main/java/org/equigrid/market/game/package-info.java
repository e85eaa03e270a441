/**
 * Transferable-utility cooperative games on bit-mask coalitions: exact and sampled (weighted)
 * Shapley values, core check, least core and nucleolus. Generic: knows nothing of the market.
 */
package org.equigrid.market.game;
