/** Micro-benchmarks behind {@code equigrid bench}: throughput tables printed to the console. */
package org.equigrid.experiments.bench;
