package org.equigrid.agents.learning.equity;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Maps an action {@code a ∈ [-1, 1]^G} (one number per group) to socio-economic weights in {@code
 * [wMin, wMax]} with population-weighted mean 1.
 *
 * <p>The map: raw weights {@code w̃_g = exp(a_g · L)} with {@code L = max(ln wMax, −ln wMin)}, then
 * one common scale {@code c > 0} with {@code w_g = clip(c · w̃_g, wMin, wMax)} chosen so that
 * {@code Σ_g s_g w_g = 1} ({@code s_g} the population shares). The mean is continuous and
 * non-decreasing in {@code c}, equal to {@code wMin ≤ 1} for small {@code c} and {@code wMax ≥ 1}
 * for large {@code c}, so such a {@code c} exists; it is found by bisection on {@code ln c}. The
 * map is continuous, preserves the order of the actions, sends {@code a = 0} to all weights 1, and
 * sends {@link #action} of feasible weights back to those weights.
 */
public final class WeightMap {

  private static final int BISECTIONS = 200;

  private final List<String> groups;
  private final double[] shares;
  private final double minWeight;
  private final double maxWeight;
  private final double logScale;

  /**
   * @param groupShares population share per group (sums to 1), in the order of the action vector
   */
  public WeightMap(Map<String, Double> groupShares, double minWeight, double maxWeight) {
    if (groupShares.isEmpty()) {
      throw new IllegalArgumentException("groupShares is empty; at least one group is needed.");
    }
    if (!(minWeight > 0 && minWeight <= 1 && maxWeight >= 1 && Double.isFinite(maxWeight))) {
      throw new IllegalArgumentException(
          "need 0 < minWeight (" + minWeight + ") <= 1 <= maxWeight (" + maxWeight + ").");
    }
    this.groups = List.copyOf(groupShares.keySet());
    this.shares = new double[groups.size()];
    double sum = 0;
    for (int g = 0; g < shares.length; g++) {
      shares[g] = groupShares.get(groups.get(g));
      sum += shares[g];
    }
    if (Math.abs(sum - 1) > 1e-6) {
      throw new IllegalArgumentException(
          "groupShares " + groupShares + " sum to " + sum + ", not 1.");
    }
    this.minWeight = minWeight;
    this.maxWeight = maxWeight;
    this.logScale = Math.max(Math.max(Math.log(maxWeight), -Math.log(minWeight)), 1e-9);
  }

  public List<String> groups() {
    return groups;
  }

  public int dimensions() {
    return groups.size();
  }

  /**
   * {@code L} of the map; an action component of ±1 multiplies the raw weight by {@code e^{±L}}.
   */
  public double logScale() {
    return logScale;
  }

  /** The weights of an action (components clipped to [-1, 1]), in group order. */
  public double[] weights(double[] action) {
    if (action.length != groups.size()) {
      throw new IllegalArgumentException(
          "The action has "
              + action.length
              + " components; there are "
              + groups.size()
              + " groups "
              + groups
              + ".");
    }
    double[] raw = new double[action.length];
    for (int g = 0; g < raw.length; g++) {
      double a = Double.isNaN(action[g]) ? 0.0 : Math.max(-1, Math.min(1, action[g]));
      raw[g] = Math.exp(a * logScale);
    }
    double lo = Math.log(minWeight) - logScale - 1;
    double hi = Math.log(maxWeight) + logScale + 1;
    for (int k = 0; k < BISECTIONS && hi - lo > 1e-15; k++) {
      double mid = 0.5 * (lo + hi);
      if (mean(raw, Math.exp(mid)) < 1) {
        lo = mid;
      } else {
        hi = mid;
      }
    }
    double scale = Math.exp(0.5 * (lo + hi));
    double[] w = new double[raw.length];
    for (int g = 0; g < w.length; g++) {
      w[g] = clip(scale * raw[g]);
    }
    // remove the last rounding error of the bisection on the unclipped groups
    double excess = populationMean(w) - 1;
    double freeShare = 0;
    for (int g = 0; g < w.length; g++) {
      if (w[g] > minWeight && w[g] < maxWeight) {
        freeShare += shares[g] * w[g];
      }
    }
    if (freeShare > 0) {
      double factor = 1 - excess / freeShare;
      for (int g = 0; g < w.length; g++) {
        if (w[g] > minWeight && w[g] < maxWeight) {
          w[g] = clip(w[g] * factor);
        }
      }
    }
    return w;
  }

  /** The weights of an action as a map in group order. */
  public Map<String, Double> weightMap(double[] action) {
    return asMap(weights(action));
  }

  /** Weights in group order as a map. */
  public Map<String, Double> asMap(double[] weights) {
    Map<String, Double> map = new LinkedHashMap<>();
    for (int g = 0; g < groups.size(); g++) {
      map.put(groups.get(g), weights[g]);
    }
    return map;
  }

  /**
   * An action that maps to {@code weights} when they are feasible (in bounds, mean 1): {@code a_g =
   * ln(w_g) / L}. Groups missing from the map weigh 1.
   */
  public double[] action(Map<String, Double> weights) {
    double[] a = new double[groups.size()];
    for (int g = 0; g < a.length; g++) {
      a[g] =
          Math.max(-1, Math.min(1, Math.log(weights.getOrDefault(groups.get(g), 1.0)) / logScale));
    }
    return a;
  }

  /** {@code Σ_g s_g w_g}. */
  public double populationMean(double[] weights) {
    double mean = 0;
    for (int g = 0; g < weights.length; g++) {
      mean += shares[g] * weights[g];
    }
    return mean;
  }

  public double minWeight() {
    return minWeight;
  }

  public double maxWeight() {
    return maxWeight;
  }

  private double mean(double[] raw, double scale) {
    double mean = 0;
    for (int g = 0; g < raw.length; g++) {
      mean += shares[g] * clip(scale * raw[g]);
    }
    return mean;
  }

  private double clip(double w) {
    return Math.max(minWeight, Math.min(maxWeight, w));
  }
}
