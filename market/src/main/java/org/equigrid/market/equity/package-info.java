/**
 * Equity of a settled day (DESIGN.md section 4): inequality indices (Gini, Jain, Theil, Rawlsian
 * minimum) and burden indices, each naming what it is of and over whom.
 */
package org.equigrid.market.equity;
