/**
 * The clearing engines: the ways to solve a {@link org.equigrid.market.clearing.ClearingRequest},
 * behind the sealed {@link org.equigrid.market.clearing.engine.ClearingEngine} and chained by
 * {@link org.equigrid.market.clearing.engine.Plan} from the {@link
 * org.equigrid.market.clearing.SolverOptions}. They build the model through its solver-facing API
 * ({@link org.equigrid.market.clearing.ClearingModel}, {@link
 * org.equigrid.market.clearing.ResultAssembly} and the other public helpers of {@code clearing});
 * imports go from this package to {@code clearing} only, never back (the facade {@link
 * org.equigrid.market.clearing.CoalitionSolver} aside).
 */
package org.equigrid.market.clearing.engine;
