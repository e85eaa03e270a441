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
 *     connection limits being multiplied by it (an aggregated type of the settlement); null for all
 *     1
 * @param ownUseKwhByMember per member and interval: the PV of a member without a battery that
 *     serves its own load ({@code [member][interval]}); a pooled block of such households carries
 *     the sum over its households; null (or a null row) for {@code min(L, G)}, a single household's
 *     own use (DESIGN.md section 2b; see {@link #needKwh} and {@link #surplusKwh}); for a member
 *     with a battery a non-null row marks a block of several households with identical batteries
 *     ({@link #isBatteryBlock})
 */
public record ClearingRequest(
    TradingDay day,
    int[] members,
    double[] weightByMember,
    double rawlsianStrengthEur,
    boolean[] protectedMember,
    double[] standaloneCostEur,
    double[] poolPriceEurPerKwh,
    double[] connectionScaleByMember,
    double[][] ownUseKwhByMember) {

  public ClearingRequest {
    Objects.requireNonNull(day, "day");
    members = members.clone();
    weightByMember = weightByMember.clone();
    protectedMember = protectedMember.clone();
    standaloneCostEur = standaloneCostEur == null ? null : standaloneCostEur.clone();
    poolPriceEurPerKwh = poolPriceEurPerKwh.clone();
    connectionScaleByMember =
        connectionScaleByMember == null ? null : connectionScaleByMember.clone();
    if (ownUseKwhByMember != null) {
      if (ownUseKwhByMember.length != members.length) {
        throw new IllegalArgumentException("one own-use row per member, or null for min(L, G)");
      }
      double[][] copy = new double[members.length][];
      for (int k = 0; k < members.length; k++) {
        copy[k] = ownUseKwhByMember[k] == null ? null : ownUseKwhByMember[k].clone();
      }
      ownUseKwhByMember = copy;
    }
    if (connectionScaleByMember != null) {
      if (connectionScaleByMember.length != members.length) {
        throw new IllegalArgumentException("one connection scale per member, or null for all 1");
      }
      for (double scale : connectionScaleByMember) {
        if (!(scale > 0) || !Double.isFinite(scale)) {
          throw new IllegalArgumentException(
              "connection scale (" + scale + ") must be finite and > 0");
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

  /** A request whose members' own use is {@code min(L, G)} (no pooled blocks). */
  public ClearingRequest(
      TradingDay day,
      int[] members,
      double[] weightByMember,
      double rawlsianStrengthEur,
      boolean[] protectedMember,
      double[] standaloneCostEur,
      double[] poolPriceEurPerKwh,
      double[] connectionScaleByMember) {
    this(
        day,
        members,
        weightByMember,
        rawlsianStrengthEur,
        protectedMember,
        standaloneCostEur,
        poolPriceEurPerKwh,
        connectionScaleByMember,
        null);
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
    this(
        day,
        members,
        weightByMember,
        rawlsianStrengthEur,
        protectedMember,
        standaloneCostEur,
        poolPriceEurPerKwh,
        null);
  }

  /** The connection-limit multiplier of member {@code k} (1 unless aggregated). */
  public double connectionScale(int k) {
    return connectionScaleByMember == null ? 1.0 : connectionScaleByMember[k];
  }

  /**
   * The own use of member {@code k} (without a battery) in interval {@code t}: the given value, or
   * {@code min(L, G)}.
   */
  double ownUseKwh(int k, int t) {
    if (ownUseKwhByMember != null && ownUseKwhByMember[k] != null) {
      return ownUseKwhByMember[k][t];
    }
    int i = members[k];
    return Math.min(day.loadKwh()[i][t], day.pvKwh()[i][t]);
  }

  /**
   * Whether some member has flexible demand (docs/model.md, "Flexible demand"): engines that cannot
   * model it (closed form, pooling) hand such a request on.
   */
  public boolean hasFlexibleDemand() {
    for (int i : members) {
      if (day.households().get(i).hasFlex()) {
        return true;
      }
    }
    return false;
  }

  /**
   * The most member {@code k}'s flexible load {@code flex} can draw in interval {@code t} (kWh,
   * docs/model.md "Flexible demand"): the EV's {@code P·Δt} where plugged in plus {@code P_a·Δt} of
   * each deferrable appliance that may be running then; 0 without flexible demand.
   */
  public double flexCapKwh(int k, int t) {
    return day.households().get(members[k]).flex().capKwh(t, day.intervalHours());
  }

  /** The number of appliance start binaries of the request (F4 of docs/model.md). */
  public int applianceStartCount() {
    int count = 0;
    for (int i : members) {
      for (org.equigrid.market.model.Appliance a : day.households().get(i).flex().appliances()) {
        for (int t = 0; t < day.intervals(); t++) {
          count += a.canStart(t, day.intervalHours()) ? 1 : 0;
        }
      }
    }
    return count;
  }

  /**
   * Whether member {@code k} has direction binaries ({@code δ}, and {@code β} with a battery): a
   * battery, or a flexible load (DESIGN.md section 2b; docs/model.md, "Flexible demand").
   */
  public boolean hasDirections(int k) {
    org.equigrid.market.model.Household h = day.households().get(members[k]);
    return h.hasBattery() || h.hasFlex();
  }

  /**
   * Whether member {@code k} is a block of several households with identical batteries (a pooled
   * member with a battery): its one direction binary stands for several meters, so the model keeps
   * it out of the LP relaxation (see {@link ClearingModel}).
   */
  boolean isBatteryBlock(int k) {
    return ownUseKwhByMember != null
        && ownUseKwhByMember[k] != null
        && day.households().get(members[k]).hasBattery();
  }

  /**
   * What member {@code k} (without a battery) must draw in interval {@code t}: {@code L − own use}
   * (kWh, at least 0). A single household draws only if {@code L > G}.
   */
  double needKwh(int k, int t) {
    return Math.max(0, day.loadKwh()[members[k]][t] - ownUseKwh(k, t));
  }

  /**
   * What member {@code k} (without a battery) has to export, sell or curtail in interval {@code t}:
   * {@code G − own use} (kWh, at least 0). A single household has a surplus only if {@code G > L}.
   */
  double surplusKwh(int k, int t) {
    return Math.max(0, day.pvKwh()[members[k]][t] - ownUseKwh(k, t));
  }

  /**
   * Plain cost minimisation of aggregated members: member {@code k} stands for {@code
   * connectionScaleByMember[k]} identical households (its profiles and battery already scaled in
   * {@code day}), so its connection limits are multiplied by it.
   */
  public static ClearingRequest costMinimising(
      TradingDay day,
      int[] members,
      double[] poolPriceEurPerKwh,
      double[] connectionScaleByMember) {
    double[] ones = new double[members.length];
    java.util.Arrays.fill(ones, 1.0);
    return new ClearingRequest(
        day,
        members,
        ones,
        0.0,
        new boolean[members.length],
        null,
        poolPriceEurPerKwh,
        connectionScaleByMember);
  }

  /** Plain cost minimisation of coalition {@code members}: weights 1, no floor. */
  public static ClearingRequest costMinimising(
      TradingDay day, int[] members, double[] poolPriceEurPerKwh) {
    double[] ones = new double[members.length];
    java.util.Arrays.fill(ones, 1.0);
    return new ClearingRequest(
        day, members, ones, 0.0, new boolean[members.length], null, poolPriceEurPerKwh);
  }
}
