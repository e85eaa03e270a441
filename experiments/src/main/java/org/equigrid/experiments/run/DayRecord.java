package org.equigrid.experiments.run;

import org.equigrid.market.clearing.ClearedDay;
import org.equigrid.market.metrics.DayMetrics;

/**
 * One finished trading day of a run.
 *
 * @param cleared the clearing (standalone, cost-minimising and equity dispatch)
 * @param metrics the pre-settlement metrics
 */
public record DayRecord(ClearedDay cleared, DayMetrics metrics) {}
