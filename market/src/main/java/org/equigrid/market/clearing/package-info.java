/**
 * Day-ahead clearing of a coalition's trading day (DESIGN.md section 2): the equity-weighted
 * multi-objective LP/MILP solved with OR-Tools, pool pricing rules and standalone costs. The model
 * is {@link org.equigrid.market.clearing.ClearingRequest} in, {@link
 * org.equigrid.market.clearing.ClearingResult} out; {@link
 * org.equigrid.market.clearing.CoalitionSolver} is the facade of the engines behind the
 * package-private {@code ClearingEngine} (staged MILP, LP relaxation, closed form, pooling,
 * decomposition, tie-break), chosen by {@code Plan} from the {@link
 * org.equigrid.market.clearing.SolverOptions}.
 */
package org.equigrid.market.clearing;
