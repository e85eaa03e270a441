/**
 * Sweeps: a grid or list of scenario overrides on a base scenario, times seeds, run in parallel and
 * resumably, summarised as one tidy CSV (and a Pareto front when asked); runs with deviating
 * bidders go through the JADE agents and report the deviators' gain.
 */
package org.equigrid.experiments.sweep;
