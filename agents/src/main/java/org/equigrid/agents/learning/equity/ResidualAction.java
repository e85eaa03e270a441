package org.equigrid.agents.learning.equity;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * A residual policy: the policy's action {@code a ∈ [-1, 1]^G} is an adjustment around an anchor
 * action {@code a⁰} (the best static weights chosen on training days), and the action given to
 * {@link WeightMap} is {@code clip(a⁰ + scale · a, −1, 1)}. A policy whose mean action is 0 (the
 * start of training: the actor's last layer is initialised near 0) runs the anchor's weights; the
 * learner moves away from them only where the days' rewards say so.
 *
 * <p>{@link #NONE} (no anchor): the action is the policy's own, as before residual policies.
 *
 * @param groups the groups in the weight map's order (sorted by name); empty for {@link #NONE}
 * @param anchorAction {@code a⁰}, one component per group in [-1, 1] ({@link WeightMap#action})
 * @param scale how far the policy can move the action from the anchor, in (0, 2]
 */
public record ResidualAction(List<String> groups, double[] anchorAction, double scale) {

  /** No anchor: the policy's action is used as it is. */
  public static final ResidualAction NONE = new ResidualAction(List.of(), new double[0], 1.0);

  /** The scale of {@code equigrid train} and {@code study} (half of the action range each way). */
  public static final double DEFAULT_SCALE = 0.5;

  public ResidualAction {
    groups = List.copyOf(groups);
    anchorAction = anchorAction.clone();
    if (groups.size() != anchorAction.length) {
      throw new IllegalArgumentException(
          "residual anchor: "
              + groups.size()
              + " groups "
              + groups
              + " but "
              + anchorAction.length
              + " anchor components; one per group is needed.");
    }
    for (double a : anchorAction) {
      if (!(a >= -1 && a <= 1)) {
        throw new IllegalArgumentException(
            "residual anchor action "
                + Arrays.toString(anchorAction)
                + " has a component outside [-1, 1].");
      }
    }
    if (!(scale > 0 && scale <= 2)) {
      throw new IllegalArgumentException(
          "residual scale (" + scale + ") must be in (0, 2]. Maybe 0.5?");
    }
  }

  /** The anchor of {@code weights} (feasible weights in the map's group order). */
  public static ResidualAction around(WeightMap map, double[] weights, double scale) {
    return new ResidualAction(map.groups(), map.action(map.asMap(weights)), scale);
  }

  /** Whether there is an anchor. */
  public boolean on() {
    return anchorAction.length > 0;
  }

  @Override
  public double[] anchorAction() {
    return anchorAction.clone();
  }

  /**
   * The action for {@link WeightMap}: {@code clip(a⁰ + scale · a, −1, 1)}, or {@code a} without an
   * anchor.
   */
  public double[] apply(double[] policyAction) {
    if (!on()) {
      return policyAction.clone();
    }
    if (policyAction.length != anchorAction.length) {
      throw new IllegalArgumentException(
          "The action has "
              + policyAction.length
              + " components; the residual"
              + " anchor has "
              + anchorAction.length
              + " (groups "
              + groups
              + ").");
    }
    double[] out = new double[anchorAction.length];
    for (int g = 0; g < out.length; g++) {
      double a = Double.isNaN(policyAction[g]) ? 0.0 : policyAction[g];
      out[g] = Math.max(-1, Math.min(1, anchorAction[g] + scale * a));
    }
    return out;
  }

  /** Refuses a weight map with other groups than the anchor's. */
  void checkGroups(WeightMap map) {
    if (on() && !groups.equals(map.groups())) {
      throw new IllegalArgumentException(
          "The residual anchor is for groups "
              + groups
              + "; this community has "
              + map.groups()
              + ".");
    }
  }

  /**
   * {@code GROUP:action,...} with every double written exactly ({@link Double#toString}); empty for
   * none.
   */
  public String anchorText() {
    List<String> parts = new ArrayList<>();
    for (int g = 0; g < groups.size(); g++) {
      parts.add(groups.get(g) + ":" + anchorAction[g]);
    }
    return String.join(",", parts);
  }

  /** The inverse of {@link #anchorText()}; an empty text is {@link #NONE}. */
  public static ResidualAction parse(String anchorText, double scale) {
    if (anchorText == null || anchorText.isBlank()) {
      return NONE;
    }
    List<String> groups = new ArrayList<>();
    String[] parts = anchorText.split(",");
    double[] action = new double[parts.length];
    for (int g = 0; g < parts.length; g++) {
      int colon = parts[g].lastIndexOf(':');
      if (colon <= 0) {
        throw new IllegalArgumentException(
            String.format(
                Locale.ROOT, "residual anchor %s: '%s' is not GROUP:action", anchorText, parts[g]));
      }
      groups.add(parts[g].substring(0, colon).trim());
      action[g] = Double.parseDouble(parts[g].substring(colon + 1).trim());
    }
    return new ResidualAction(groups, action, scale);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ResidualAction r
        && groups.equals(r.groups)
        && Arrays.equals(anchorAction, r.anchorAction)
        && Double.compare(scale, r.scale) == 0;
  }

  @Override
  public int hashCode() {
    return 31 * (31 * groups.hashCode() + Arrays.hashCode(anchorAction)) + Double.hashCode(scale);
  }

  @Override
  public String toString() {
    return on() ? "residual around " + anchorText() + " × " + scale : "no residual";
  }
}
