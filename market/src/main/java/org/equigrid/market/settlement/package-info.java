/**
 * Settlement of a cleared day (DESIGN.md section 3): the coalition game of the day's market, the
 * weighted Shapley shares, core stability and the bills {@code B_i = C0_i − φ_i}.
 */
package org.equigrid.market.settlement;
