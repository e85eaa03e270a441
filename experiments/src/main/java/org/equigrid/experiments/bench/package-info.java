/**
 * {@code equigrid bench}: timed benchmarks of the platform's heavy parts (the settlement game
 * first), each printed as a table of goal and measured value.
 */
package org.equigrid.experiments.bench;
