/**
 * Physical and economic metrics of a cleared day that need no settlement (DESIGN.md section 4):
 * energy costs with the peak charge share, peak reduction, solar utilisation, self-sufficiency,
 * renewable access, the price of fairness on the cooperative gain; per household, per group (means
 * and gaps) and for the community. {@link org.equigrid.market.metrics.Index} carries a value that
 * may be undefined, with the reason.
 */
package org.equigrid.market.metrics;
