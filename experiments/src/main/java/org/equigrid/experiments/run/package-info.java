/** Runs a scenario day by day: clearing, metrics, state carried across days, progress. */
package org.equigrid.experiments.run;
