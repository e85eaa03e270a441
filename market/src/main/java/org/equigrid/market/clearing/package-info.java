/**
 * Day-ahead clearing of a coalition's trading day (DESIGN.md section 2): the equity-weighted
 * multi-objective LP/MILP solved with OR-Tools, pool pricing rules and standalone costs. The model
 * is {@link org.equigrid.market.clearing.ClearingRequest} in, {@link
 * org.equigrid.market.clearing.ClearingResult} out; {@link
 * org.equigrid.market.clearing.ClearingModel} is its solver-facing API. The engines that solve it
 * live in {@link org.equigrid.market.clearing.engine}, which this package never imports except in
 * {@link org.equigrid.market.clearing.CoalitionSolver}, their facade (ClearingImportDirectionTest).
 * The price decomposition is {@link org.equigrid.market.clearing.PriceDecomposition}, whose javadoc
 * maps its package-private pieces (master LP, column pool, pricing calls, stabilisation, stop rule,
 * rounding, price-and-branch).
 */
package org.equigrid.market.clearing;
