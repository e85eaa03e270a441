package org.equigrid.market.explain;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.equigrid.market.metrics.DayMetrics;
import org.equigrid.market.model.Household;
import org.equigrid.market.model.TradingDay;
import org.equigrid.market.settlement.DaySettlement;
import org.equigrid.market.settlement.DaySettlement.Counterfactual;

/**
 * Explains every household's bill of a settled day: the decomposition {@code C0 → φ → B}, the
 * counterfactual shares, and attributions from a least-squares surrogate of the shares on the
 * household features {@code pvKwp}, {@code batteryKwh}, {@code loadKwh} (the day's load) and {@code
 * weight}.
 */
public final class Explainer {

  /** The surrogate's features, in column order. */
  public static final List<String> FEATURES = List.of("pvKwp", "batteryKwh", "loadKwh", "weight");

  private static final String[] FEATURE_PHRASES = {
    "the size of your solar installation",
    "your battery",
    "your electricity use",
    "your group's weight"
  };

  private Explainer() {}

  public static List<Explanation> explain(
      TradingDay day, DayMetrics metrics, DaySettlement settlement) {
    int n = day.householdCount();
    double[][] features = new double[n][];
    for (int i = 0; i < n; i++) {
      Household h = day.households().get(i);
      features[i] =
          new double[] {
            h.pvKwp(),
            h.hasBattery() ? h.battery().capacityKwh() : 0.0,
            metrics.households().get(i).loadKwh(),
            settlement.weights()[i]
          };
    }
    boolean settled = !DaySettlement.NONE.equals(settlement.method());
    SurrogateFit fit =
        settled ? SurrogateModel.fit(FEATURES, features, settlement.shareEur()) : null;
    double gain = settlement.grandValueEur();
    List<Explanation> result = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      Household h = day.households().get(i);
      Counterfactual cf = settlement.counterfactuals().get(i);
      double[] attributions =
          fit != null ? fit.attributionsEur(features[i]) : new double[FEATURES.size()];
      double c0 = metrics.households().get(i).standaloneCostEur();
      double share = settlement.shareEur()[i];
      double bill = settlement.billEur()[i];
      String sentence =
          settled
              ? sentence(
                  h, c0, share, settlement.standardErrorEur()[i], bill, gain, cf, attributions, fit)
              : String.format(
                  Locale.ROOT,
                  "%s (%s): there was no trading today, so you pay what you would pay alone: %s.",
                  h.id(),
                  h.group(),
                  eur(c0));
      result.add(
          new Explanation(
              h.id(),
              h.group(),
              c0,
              share,
              settlement.standardErrorEur()[i],
              bill,
              cf.withoutBatteryEur(),
              cf.withoutPvEur(),
              cf.withNeutralWeightEur(),
              FEATURES,
              attributions,
              fit != null ? fit.rSquared() : Double.NaN,
              sentence));
    }
    return result;
  }

  private static String sentence(
      Household h,
      double c0,
      double share,
      double standardError,
      double bill,
      double gain,
      Counterfactual cf,
      double[] attributions,
      SurrogateFit fit) {
    StringBuilder text = new StringBuilder();
    text.append(
        String.format(
            Locale.ROOT, "%s (%s): alone you would pay %s today. ", h.id(), h.group(), eur(c0)));
    text.append(
        String.format(
            Locale.ROOT,
            "Trading together saved the community %s; your share is %s%s, so your bill is %s.",
            eur(gain),
            eur(share),
            standardError > 0 ? String.format(Locale.ROOT, " (± %.2f)", 1.96 * standardError) : "",
            eur(bill)));
    List<String> counterfactuals = new ArrayList<>();
    if (!Double.isNaN(cf.withoutBatteryEur())) {
      counterfactuals.add("without your battery it would be " + eur(cf.withoutBatteryEur()));
    }
    if (!Double.isNaN(cf.withoutPvEur())) {
      counterfactuals.add("without your solar panels " + eur(cf.withoutPvEur()));
    }
    if (Math.abs(cf.withNeutralWeightEur() - share) > 0.005) {
      counterfactuals.add("with a neutral weight " + eur(cf.withNeutralWeightEur()));
    }
    if (!counterfactuals.isEmpty()) {
      text.append(" Your share ").append(String.join("; ", counterfactuals)).append('.');
    }
    int strongest = -1;
    for (int k = 0; k < attributions.length; k++) {
      if (strongest < 0 || Math.abs(attributions[k]) > Math.abs(attributions[strongest])) {
        strongest = k;
      }
    }
    if (fit != null
        && strongest >= 0
        && Math.abs(attributions[strongest]) >= 0.005
        && !Double.isNaN(fit.rSquared())) {
      text.append(
          String.format(
              Locale.ROOT,
              " Compared with the average household, %s %s your share by %s (a linear fit over all households, R² %.2f).",
              FEATURE_PHRASES[strongest],
              attributions[strongest] > 0 ? "raises" : "lowers",
              eur(Math.abs(attributions[strongest])),
              fit.rSquared()));
    }
    return text.toString();
  }

  private static String eur(double value) {
    return String.format(Locale.ROOT, "%.2f EUR", value);
  }
}
