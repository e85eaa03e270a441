/**
 * Inequality indices (Gini, Jain, Theil, Rawlsian minimum) and per-group aggregation of
 * per-household values such as energy burden or renewable access (DESIGN.md section 4).
 */
package org.equigrid.market.equity;
