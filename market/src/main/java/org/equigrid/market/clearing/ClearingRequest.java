package org.equigrid.market.clearing;

import java.util.Objects;
import org.equigrid.market.model.TradingDay;

/**
 * One clearing problem: the coalition {@code S} (a subset of the day's households) and its
 * objective (DESIGN.md section 2).
 *
 * @param day the trading day
 * @param members indices into {@code day.households()}, strictly increasing: the coalition
 * @param weightByMember {@code w[g(i)]} per member (same order as {@code members})
 * @param rawlsianStrengthEur {@code ρ}
 * @param protectedMember per member: whether {@code z <= u_i} applies
 * @param standaloneCostEur per member: {@code C0_i}, needed when {@code ρ > 0} (may be null when
 *     {@code ρ == 0})
 * @param poolPriceEurPerKwh {@code p[t]}
 */
public record ClearingRequest(
    TradingDay day,
    int[] members,
    double[] weightByMember,
    double rawlsianStrengthEur,
    boolean[] protectedMember,
    double[] standaloneCostEur,
    double[] poolPriceEurPerKwh) {

  public ClearingRequest {
    Objects.requireNonNull(day, "day");
    members = members.clone();
    weightByMember = weightByMember.clone();
    protectedMember = protectedMember.clone();
    standaloneCostEur = standaloneCostEur == null ? null : standaloneCostEur.clone();
    poolPriceEurPerKwh = poolPriceEurPerKwh.clone();
    if (weightByMember.length != members.length || protectedMember.length != members.length) {
      throw new IllegalArgumentException("one weight and one protection flag per member");
    }
    if (rawlsianStrengthEur > 0
        && (standaloneCostEur == null || standaloneCostEur.length != members.length)) {
      throw new IllegalArgumentException("a Rawlsian term needs the members' standalone costs");
    }
    if (poolPriceEurPerKwh.length != day.intervals()) {
      throw new IllegalArgumentException("one pool price per interval");
    }
    for (int k = 1; k < members.length; k++) {
      if (members[k] <= members[k - 1]) {
        throw new IllegalArgumentException("members must be strictly increasing");
      }
    }
  }

  /** Plain cost minimisation of coalition {@code members}: weights 1, no floor. */
  public static ClearingRequest costMinimising(TradingDay day, int[] members, double[] poolPriceEurPerKwh) {
    double[] ones = new double[members.length];
    java.util.Arrays.fill(ones, 1.0);
    return new ClearingRequest(
        day, members, ones, 0.0, new boolean[members.length], null, poolPriceEurPerKwh);
  }
}
