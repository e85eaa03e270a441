/**
 * Settlement of a cleared day (DESIGN.md section 3): the coalition game of the day's market, the
 * weighted Shapley shares, core stability and the bills {@code B_i = C0_i − φ_i}; and the
 * settlement rules of section 3b ({@link org.equigrid.market.settlement.SettlementSettings}), which
 * turn that settlement into the bills of {@code weighted-shapley}, {@code shapley}, {@code market}
 * or {@code rawlsian}.
 */
package org.equigrid.market.settlement;
