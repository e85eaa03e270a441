/** {@code equigrid bench}: timing measurements of the platform's heavy parts. */
package org.equigrid.experiments.bench;
