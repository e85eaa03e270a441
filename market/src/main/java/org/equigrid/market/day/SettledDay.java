package org.equigrid.market.day;

import java.util.List;
import org.equigrid.market.clearing.ClearedDay;
import org.equigrid.market.equity.DayEquity;
import org.equigrid.market.explain.Explanation;
import org.equigrid.market.metrics.DayMetrics;
import org.equigrid.market.settlement.DaySettlement;

/**
 * A trading day cleared, measured, settled and explained.
 *
 * @param cleared the clearing
 * @param metrics pre-settlement metrics
 * @param settlement shares and bills
 * @param equity equity indices after settlement
 * @param explanations one per household, in household order
 */
public record SettledDay(
    ClearedDay cleared,
    DayMetrics metrics,
    DaySettlement settlement,
    DayEquity equity,
    List<Explanation> explanations) {

  public SettledDay {
    explanations = List.copyOf(explanations);
  }
}
