package org.equigrid.experiments.output;

import java.util.List;
import java.util.function.Function;
import org.equigrid.market.day.SettledDay;
import org.equigrid.market.equity.DayEquity;
import org.equigrid.market.metrics.Index;

/**
 * The day-level equity indices that {@code summary.json}'s totals average over the run: each the
 * plain mean over the days where it is defined, undefined (with the first day's reason) when it is
 * undefined on every day.
 */
public enum DayIndex {
  GINI_ENERGY_BURDEN("meanGiniEnergyBurden", DayEquity::giniEnergyBurden),
  GINI_ENERGY_BURDEN_BEFORE_SETTLEMENT(
      "meanGiniEnergyBurdenBeforeSettlement", DayEquity::giniEnergyBurdenBeforeSettlement),
  GINI_ENERGY_BURDEN_NET_PAYERS(
      "meanGiniEnergyBurdenNetPayers", DayEquity::giniEnergyBurdenNetPayers),
  GINI_SHARES("meanGiniShares", DayEquity::giniShares),
  GINI_SAVINGS("meanGiniSavings", DayEquity::giniSavings),
  RAWLSIAN_MINIMUM_BEFORE_SETTLEMENT(
      "meanRawlsianMinimumBeforeSettlement", DayEquity::rawlsianMinimumBeforeSettlement),
  RAWLSIAN_MINIMUM_AFTER_SETTLEMENT(
      "meanRawlsianMinimumAfterSettlement", DayEquity::rawlsianMinimumAfterSettlement),
  LARGEST_ENERGY_BURDEN("meanLargestEnergyBurden", e -> finite(e.largestEnergyBurden())),
  SHARE_ABOVE_6_PERCENT(
      "meanShareEnergyBurdenAbove6Percent", e -> finite(e.shareEnergyBurdenAbove6Percent())),
  SHARE_ABOVE_10_PERCENT(
      "meanShareEnergyBurdenAbove10Percent", e -> finite(e.shareEnergyBurdenAbove10Percent())),
  LEAST_ADVANTAGED_ENERGY_BURDEN(
      "meanLeastAdvantagedEnergyBurden", DayEquity::leastAdvantagedMeanEnergyBurden),
  LEAST_ADVANTAGED_BILL_EUR("meanLeastAdvantagedBillEur", DayEquity::leastAdvantagedMeanBillEur);

  /** Reason of a run-level mean whose index is undefined on every day. */
  public static final String UNDEFINED_EVERY_DAY = "undefined on every day (day %d: %s)";

  private final String totalsKey;
  private final Function<DayEquity, Index> index;

  DayIndex(String totalsKey, Function<DayEquity, Index> index) {
    this.totalsKey = totalsKey;
    this.index = index;
  }

  private static Index finite(double value) {
    return Double.isFinite(value)
        ? Index.of(value)
        : Index.undefined("undefined: the day's bills are not finite");
  }

  /** The key in {@code summary.json}'s {@code totals}. */
  public String totalsKey() {
    return totalsKey;
  }

  /** The mean over the days where the index is defined. */
  public Index meanOverDays(List<SettledDay> days) {
    Mean mean = new Mean(this);
    for (SettledDay day : days) {
      mean.add(day.metrics().dayIndex(), day.equity());
    }
    return mean.value();
  }

  /**
   * {@link #meanOverDays} accumulated day by day (in day order), keeping only a sum, a count and
   * the first day's reason.
   */
  static final class Mean {
    private final DayIndex index;
    private double sum;
    private int defined;
    private int days;
    private int firstDay;
    private String firstReason;

    Mean(DayIndex index) {
      this.index = index;
    }

    void add(int dayIndex, DayEquity equity) {
      Index value = index.index.apply(equity);
      if (days == 0) {
        firstDay = dayIndex;
        firstReason = value.defined() ? "not finite" : value.undefinedReason();
      }
      days++;
      if (value.defined() && Double.isFinite(value.value())) {
        sum += value.value();
        defined++;
      }
    }

    String key() {
      return index.totalsKey;
    }

    Index value() {
      if (defined > 0) {
        return Index.of(sum / defined);
      }
      if (days == 0) {
        return Index.undefined("undefined: the run has no day");
      }
      return Index.undefined(
          String.format(java.util.Locale.ROOT, UNDEFINED_EVERY_DAY, firstDay, firstReason));
    }
  }
}
