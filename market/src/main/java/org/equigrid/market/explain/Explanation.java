package org.equigrid.market.explain;

import java.util.List;

/**
 * Why a household pays what it pays (DESIGN.md section 6).
 *
 * @param householdId the household
 * @param group its socio-economic group
 * @param standaloneCostEur {@code C0_i}: what it would pay alone
 * @param shareEur {@code φ_i}: its share of the cooperative gain
 * @param shareStandardErrorEur the share's standard error (0 when exact)
 * @param billEur {@code B_i = C0_i − φ_i}
 * @param shareWithoutBatteryEur counterfactual share without its battery (NaN: it has none)
 * @param shareWithoutPvEur counterfactual share without its PV (NaN: it has none)
 * @param shareWithNeutralWeightEur counterfactual share with weight 1
 * @param featureNames the surrogate's features
 * @param attributionsEur per feature, {@code β_k · (x_ik − mean_k)}: how much that feature moves
 *     this household's share away from the average share
 * @param surrogateRSquared R² of the surrogate fit over the day's households
 * @param sentence the explanation as a sentence a household can read
 */
public record Explanation(
    String householdId,
    String group,
    double standaloneCostEur,
    double shareEur,
    double shareStandardErrorEur,
    double billEur,
    double shareWithoutBatteryEur,
    double shareWithoutPvEur,
    double shareWithNeutralWeightEur,
    List<String> featureNames,
    double[] attributionsEur,
    double surrogateRSquared,
    String sentence) {

  public Explanation {
    featureNames = List.copyOf(featureNames);
    attributionsEur = attributionsEur.clone();
  }
}
