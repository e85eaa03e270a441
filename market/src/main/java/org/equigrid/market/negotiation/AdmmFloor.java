package org.equigrid.market.negotiation;

import org.equigrid.market.clearing.ClearingModel;
import org.equigrid.market.clearing.ClearingRequest;

/**
 * The Rawlsian floor ADMM negotiates (DESIGN.md section 2: {@code −ρ·z} with {@code z ≤ u_i} for
 * every protected household; docs/negotiation.md, "The Rawlsian floor in ADMM"), in member order.
 *
 * @param strengthEur {@code ρ}, the Rawlsian strength (EUR per unit of relative saving)
 * @param protectedMember per member: whether its relative saving bounds the floor
 * @param standaloneCostEur per member: {@code C0_i} (what a protected household knows of itself)
 * @param epsilonEur {@code ε} of the relative saving's denominator {@code max(|C0_i|, ε)}
 */
public record AdmmFloor(
    double strengthEur, boolean[] protectedMember, double[] standaloneCostEur, double epsilonEur) {

  public AdmmFloor {
    if (protectedMember.length != standaloneCostEur.length) {
      throw new IllegalArgumentException(
          protectedMember.length
              + " protected flags for "
              + standaloneCostEur.length
              + " standalone costs");
    }
    protectedMember = protectedMember.clone();
    standaloneCostEur = standaloneCostEur.clone();
  }

  /**
   * The floor of {@code request}, or null when its objective has none (strength 0, or no protected
   * member with a finite standalone cost, {@link ClearingModel#hasFloor}).
   */
  public static AdmmFloor of(ClearingRequest request, double epsilonEur) {
    if (!ClearingModel.hasFloor(request)) {
      return null;
    }
    boolean[] under = new boolean[request.members().length];
    for (int k = 0; k < under.length; k++) {
      under[k] = request.protectedMember()[k] && Double.isFinite(request.standaloneCostEur()[k]);
    }
    return new AdmmFloor(
        request.rawlsianStrengthEur(), under, request.standaloneCostEur(), epsilonEur);
  }

  /** Whether member {@code k} is under the floor. */
  public boolean covers(int k) {
    return protectedMember[k];
  }

  /** {@code max(|C0_k|, ε)}, the denominator of member {@code k}'s relative saving. */
  double denominatorEur(int k) {
    return Math.max(Math.abs(standaloneCostEur[k]), epsilonEur);
  }
}
