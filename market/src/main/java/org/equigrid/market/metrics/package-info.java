/**
 * Physical and economic metrics of a cleared day that need no settlement (DESIGN.md section 4):
 * energy costs, peak reduction, solar utilisation, self-sufficiency, renewable access, price of
 * fairness; per household, per group and for the community.
 */
package org.equigrid.market.metrics;
