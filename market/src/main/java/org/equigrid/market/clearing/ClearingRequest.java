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
 * @param connectionScaleByMember per member: how many identical households it stands for, its
 *     connection limits being multiplied by it (an aggregated type of the settlement); null for
 *     all 1
 */
public record ClearingRequest(
    TradingDay day,
    int[] members,
    double[] weightByMember,
    double rawlsianStrengthEur,
    boolean[] protectedMember,
    double[] standaloneCostEur,
    double[] poolPriceEurPerKwh,
    double[] connectionScaleByMember) {

  public ClearingRequest {
    Objects.requireNonNull(day, "day");
    members = members.clone();
    weightByMember = weightByMember.clone();
    protectedMember = protectedMember.clone();
    standaloneCostEur = standaloneCostEur == null ? null : standaloneCostEur.clone();
    poolPriceEurPerKwh = poolPriceEurPerKwh.clone();
    connectionScaleByMember = connectionScaleByMember == null ? null : connectionScaleByMember.clone();
    if (connectionScaleByMember != null) {
      if (connectionScaleByMember.length != members.length) {
        throw new IllegalArgumentException("one connection scale per member, or null for all 1");
      }
      for (double scale : connectionScaleByMember) {
        if (!(scale > 0) || !Double.isFinite(scale)) {
          throw new IllegalArgumentException("connection scale (" + scale + ") must be finite and > 0");
        }
      }
    }
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

  /** A request whose members each stand for one household (connection limits as in the tariff). */
  public ClearingRequest(
      TradingDay day,
      int[] members,
      double[] weightByMember,
      double rawlsianStrengthEur,
      boolean[] protectedMember,
      double[] standaloneCostEur,
      double[] poolPriceEurPerKwh) {
    this(day, members, weightByMember, rawlsianStrengthEur, protectedMember, standaloneCostEur,
        poolPriceEurPerKwh, null);
  }

  /** The connection-limit multiplier of member {@code k} (1 unless aggregated). */
  public double connectionScale(int k) {
    return connectionScaleByMember == null ? 1.0 : connectionScaleByMember[k];
  }

  /**
   * Plain cost minimisation of aggregated members: member {@code k} stands for {@code
   * connectionScaleByMember[k]} identical households (its profiles and battery already scaled in
   * {@code day}), so its connection limits are multiplied by it.
   */
  public static ClearingRequest costMinimising(
      TradingDay day, int[] members, double[] poolPriceEurPerKwh, double[] connectionScaleByMember) {
    double[] ones = new double[members.length];
    java.util.Arrays.fill(ones, 1.0);
    return new ClearingRequest(
        day, members, ones, 0.0, new boolean[members.length], null, poolPriceEurPerKwh,
        connectionScaleByMember);
  }

  /** Plain cost minimisation of coalition {@code members}: weights 1, no floor. */
  public static ClearingRequest costMinimising(TradingDay day, int[] members, double[] poolPriceEurPerKwh) {
    double[] ones = new double[members.length];
    java.util.Arrays.fill(ones, 1.0);
    return new ClearingRequest(
        day, members, ones, 0.0, new boolean[members.length], null, poolPriceEurPerKwh);
  }
}
