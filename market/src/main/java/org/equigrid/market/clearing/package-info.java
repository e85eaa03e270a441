/**
 * Day-ahead clearing of a coalition's trading day (DESIGN.md section 2): the equity-weighted
 * multi-objective LP/MILP solved with OR-Tools, pool pricing rules and standalone costs.
 */
package org.equigrid.market.clearing;
