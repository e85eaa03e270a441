/**
 * Sweeps: a grid or list of scenario overrides on a base scenario, times seeds, run in parallel and
 * resumably, summarised as one tidy CSV (and a Pareto front when asked).
 */
package org.equigrid.experiments.sweep;
