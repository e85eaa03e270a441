package org.equigrid.market.clearing;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.equigrid.market.model.Household;
import org.equigrid.market.model.ReservationPrices;
import org.equigrid.market.model.TradingDay;

/**
 * Computes the pool price {@code p[t]} of a day under a {@link PricingRule}. Every rule works on
 * the households' net positions before trading ({@code L[i,t] − G[i,t]}), so the price is known
 * before the dispatch is optimised.
 *
 * <ul>
 *   <li>{@link PricingRule#MID_MARKET}: {@code p = (πimp + πexp) / 2}.
 *   <li>{@link PricingRule#SUPPLY_DEMAND_RATIO} (Liu et al. 2017, "Energy sharing management for
 *       microgrids with PV prosumers: a Stackelberg game approach"): supply {@code S = Σ max(G − L,
 *       0)}, demand {@code D = Σ max(L − G, 0)}, {@code SDR = S / D}. For {@code 0 <= SDR <= 1}:
 *       {@code p = πexp·πimp / ((πimp − πexp)·SDR + πexp)}, which falls from {@code πimp} at SDR 0
 *       to {@code πexp} at SDR 1; for {@code SDR > 1} or {@code D = 0}: {@code p = πexp}. The
 *       formula needs {@code πexp > 0}; with {@code πexp <= 0} the linear {@code p = πimp − (πimp −
 *       πexp)·min(SDR, 1)} is used instead.
 *   <li>{@link PricingRule#DOUBLE_AUCTION}: buyers are households with {@code L − G > 0} (quantity
 *       {@code L − G}, bid = reservation {@code buyMaxEurPerKwh} or {@code πimp}), sellers those
 *       with {@code G − L > 0} (ask = reservation {@code sellMinEurPerKwh} or {@code πexp}). Bids
 *       are sorted descending, asks ascending (ties by household index); the merged step curves are
 *       walked while the bid covers the ask; the uniform price is the midpoint ({@code k = 1/2}) of
 *       the marginal (last trading) bid and ask. With no possible trade: mid-market.
 * </ul>
 *
 * Every price is clipped to {@code [πexp[t], πimp[t]]}.
 */
public final class PoolPricing {

  private PoolPricing() {}

  /** Pool price per interval; always within {@code [πexp[t], πimp[t]]}. */
  public static double[] prices(PricingRule rule, TradingDay day) {
    int intervals = day.intervals();
    double[] priceImp = day.tariff().importPriceEurPerKwh();
    double[] priceExp = day.tariff().exportPriceEurPerKwh();
    double[] result = new double[intervals];
    for (int t = 0; t < intervals; t++) {
      double price =
          switch (rule) {
            case MID_MARKET -> midMarket(priceImp[t], priceExp[t]);
            case SUPPLY_DEMAND_RATIO -> supplyDemandRatio(day, t);
            case DOUBLE_AUCTION -> doubleAuction(day, t);
          };
      result[t] = Math.min(priceImp[t], Math.max(priceExp[t], price));
    }
    return result;
  }

  private static double midMarket(double importPrice, double exportPrice) {
    return (importPrice + exportPrice) / 2;
  }

  static double supplyDemandRatio(TradingDay day, int t) {
    double supply = 0;
    double demand = 0;
    for (int i = 0; i < day.householdCount(); i++) {
      double net = day.loadKwh()[i][t] - day.pvKwh()[i][t];
      if (net > 0) {
        demand += net;
      } else {
        supply -= net;
      }
    }
    return supplyDemandRatioPrice(
        supply,
        demand,
        day.tariff().importPriceEurPerKwh()[t],
        day.tariff().exportPriceEurPerKwh()[t]);
  }

  /**
   * The supply-demand-ratio price of one interval (the class comment's rule), clipped to {@code
   * [πexp, πimp]}: the one implementation that the clearing and the agents' price adjustment share.
   *
   * @param supplyKwh {@code S = Σ max(G − L, 0)}
   * @param demandKwh {@code D = Σ max(L − G, 0)}
   */
  public static double supplyDemandRatioPrice(
      double supplyKwh, double demandKwh, double importPrice, double exportPrice) {
    double price;
    if (demandKwh <= 0) {
      price = exportPrice;
    } else {
      double ratio = supplyKwh / demandKwh;
      if (exportPrice <= 0) {
        price = importPrice - (importPrice - exportPrice) * Math.min(ratio, 1);
      } else if (ratio > 1) {
        price = exportPrice;
      } else {
        price = exportPrice * importPrice / ((importPrice - exportPrice) * ratio + exportPrice);
      }
    }
    return Math.min(importPrice, Math.max(exportPrice, price));
  }

  private record Order(int household, double quantityKwh, double priceEurPerKwh) {}

  static double doubleAuction(TradingDay day, int t) {
    double importPrice = day.tariff().importPriceEurPerKwh()[t];
    double exportPrice = day.tariff().exportPriceEurPerKwh()[t];
    List<Order> bids = new ArrayList<>();
    List<Order> asks = new ArrayList<>();
    for (int i = 0; i < day.householdCount(); i++) {
      Household household = day.households().get(i);
      ReservationPrices reservation = household.reservation();
      double net = day.loadKwh()[i][t] - day.pvKwh()[i][t];
      if (net > 0) {
        bids.add(
            new Order(i, net, reservation == null ? importPrice : reservation.buyMaxEurPerKwh()));
      } else if (net < 0) {
        asks.add(
            new Order(i, -net, reservation == null ? exportPrice : reservation.sellMinEurPerKwh()));
      }
    }
    bids.sort(
        Comparator.comparingDouble(Order::priceEurPerKwh)
            .reversed()
            .thenComparingInt(Order::household));
    asks.sort(Comparator.comparingDouble(Order::priceEurPerKwh).thenComparingInt(Order::household));
    int b = 0;
    int s = 0;
    double bidLeft = bids.isEmpty() ? 0 : bids.get(0).quantityKwh();
    double askLeft = asks.isEmpty() ? 0 : asks.get(0).quantityKwh();
    double marginalBid = Double.NaN;
    double marginalAsk = Double.NaN;
    while (b < bids.size()
        && s < asks.size()
        && bids.get(b).priceEurPerKwh() >= asks.get(s).priceEurPerKwh()) {
      marginalBid = bids.get(b).priceEurPerKwh();
      marginalAsk = asks.get(s).priceEurPerKwh();
      double traded = Math.min(bidLeft, askLeft);
      bidLeft -= traded;
      askLeft -= traded;
      if (bidLeft <= 0) {
        b++;
        bidLeft = b < bids.size() ? bids.get(b).quantityKwh() : 0;
      }
      if (askLeft <= 0) {
        s++;
        askLeft = s < asks.size() ? asks.get(s).quantityKwh() : 0;
      }
    }
    if (Double.isNaN(marginalBid)) {
      return midMarket(importPrice, exportPrice);
    }
    return (marginalBid + marginalAsk) / 2;
  }
}
