package org.equigrid.config;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;
import org.equigrid.config.profile.LoadShape;
import org.equigrid.config.profile.Seeds;
import org.equigrid.market.model.Battery;
import org.equigrid.market.model.Household;
import org.equigrid.market.model.ParticipantKind;

/**
 * {@code community.generate}: a seeded recipe for a community. Every attribute is drawn for every
 * household in a fixed order whatever the flags say, and {@code pv: false} / {@code batteries:
 * false} only remove the assets afterwards, so scenarios that differ only in these flags describe
 * the same households with the same loads.
 *
 * <p>Ownership (DESIGN.md section 1, "who owns what follows income") is drawn per group by default
 * (the solar divide, {@link Ownership#byGroup}) or across the community at random ({@link
 * Ownership#random}).
 */
record CommunityRecipe(
    int households,
    Map<String, Double> groupShares,
    Map<String, Double> incomeEurPerDay,
    double incomeSpreadFraction,
    Map<String, Double> annualLoadKwh,
    double annualLoadSpreadFraction,
    Map<LoadShape, Double> loadShapes,
    boolean pv,
    Ownership ownership,
    double pvKwpMin,
    double pvKwpMax,
    boolean batteries,
    BatterySpec battery) {

  /**
   * Who owns PV and batteries.
   *
   * @param pvShare share of all households with PV ({@code random}), or NaN
   * @param batteryShare share of all households with a battery ({@code random}), or NaN
   * @param pvShareByGroup share of each group's households with PV ({@code byGroup}), else empty
   * @param batteryShareByGroup share of each group's households with a battery, else empty
   * @param renterShareByGroup share of each group's households that rent (never own PV or a
   *     battery), else empty
   */
  record Ownership(
      double pvShare,
      double batteryShare,
      Map<String, Double> pvShareByGroup,
      Map<String, Double> batteryShareByGroup,
      Map<String, Double> renterShareByGroup) {

    /** Owners drawn across the whole community, whatever their group (the old recipe). */
    static Ownership random(double pvShare, double batteryShare) {
      return new Ownership(pvShare, batteryShare, Map.of(), Map.of(), Map.of());
    }

    /** Owners drawn within each group: the solar divide. */
    static Ownership byGroup(
        Map<String, Double> pvShare,
        Map<String, Double> batteryShare,
        Map<String, Double> renterShare) {
      return new Ownership(Double.NaN, Double.NaN, pvShare, batteryShare, renterShare);
    }

    boolean perGroup() {
      return Double.isNaN(pvShare);
    }
  }

  List<Member> generate(long seed) {
    RandomGenerator rng = Seeds.generator(Seeds.derive(seed, "community"));
    int n = households;
    List<String> groups = apportion(groupShares, n);
    shuffle(groups, rng);
    double[] income = new double[n];
    double[] load = new double[n];
    LoadShape[] shapes = new LoadShape[n];
    double[] kwp = new double[n];
    for (int i = 0; i < n; i++) {
      String group = groups.get(i);
      income[i] =
          round2(
              incomeEurPerDay.get(group) * (1 + incomeSpreadFraction * (2 * rng.nextDouble() - 1)));
      load[i] =
          Math.round(
              annualLoadKwh.get(group)
                  * (1 + annualLoadSpreadFraction * (2 * rng.nextDouble() - 1)));
      shapes[i] = drawShape(rng.nextDouble());
      kwp[i] = Math.round(10 * (pvKwpMin + (pvKwpMax - pvKwpMin) * rng.nextDouble())) / 10.0;
    }
    List<Integer> order = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      order.add(i);
    }
    shuffle(order, rng);
    boolean[] hasPv = new boolean[n];
    boolean[] hasBattery = new boolean[n];
    if (ownership.perGroup()) {
      drawByGroup(groups, order, hasPv, hasBattery);
    } else {
      int pvOwners = (int) Math.round(ownership.pvShare() * n);
      int batteryOwners = Math.min(pvOwners, (int) Math.round(ownership.batteryShare() * n));
      for (int k = 0; k < pvOwners; k++) {
        hasPv[order.get(k)] = true;
        hasBattery[order.get(k)] = k < batteryOwners;
      }
    }
    int width = Math.max(3, Integer.toString(n).length());
    List<Member> members = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      String id = "h" + String.format("%0" + width + "d", i + 1);
      double pvKwp = pv && hasPv[i] ? kwp[i] : 0.0;
      Battery ownBattery = batteries && hasBattery[i] ? battery.toBattery() : null;
      ParticipantKind kind =
          pvKwp > 0 || ownBattery != null ? ParticipantKind.PROSUMER : ParticipantKind.CONSUMER;
      Household household =
          new Household(id, kind, groups.get(i), income[i], pvKwp, ownBattery, null);
      members.add(new Member(household, load[i], shapes[i], id));
    }
    return members;
  }

  /**
   * Within each group, in the community's shuffled order: the first {@code round(pvShare[g]·n_g)}
   * households own PV and the first {@code round(batteryShare[g]·n_g)} of them a battery; renters
   * are the last {@code round(renterShare[g]·n_g)}, so they never own either (the binder checks
   * {@code batteryShare ≤ pvShare ≤ 1 − renterShare} per group).
   */
  private void drawByGroup(
      List<String> groups, List<Integer> order, boolean[] hasPv, boolean[] hasBattery) {
    for (String group : groupShares.keySet()) {
      List<Integer> members = new ArrayList<>();
      for (int i : order) {
        if (groups.get(i).equals(group)) {
          members.add(i);
        }
      }
      int size = members.size();
      int renters =
          (int) Math.round(ownership.renterShareByGroup().getOrDefault(group, 0.0) * size);
      int pvOwners =
          Math.min(size - renters, (int) Math.round(ownership.pvShareByGroup().get(group) * size));
      int batteryOwners =
          Math.min(pvOwners, (int) Math.round(ownership.batteryShareByGroup().get(group) * size));
      for (int k = 0; k < pvOwners; k++) {
        hasPv[members.get(k)] = true;
        hasBattery[members.get(k)] = k < batteryOwners;
      }
    }
  }

  /** Group of each household: counts by largest remainder of {@code share · n}, in map order. */
  static List<String> apportion(Map<String, Double> shares, int n) {
    List<String> names = new ArrayList<>(shares.keySet());
    int[] counts = new int[names.size()];
    double[] remainders = new double[names.size()];
    int assigned = 0;
    for (int g = 0; g < names.size(); g++) {
      double exact = shares.get(names.get(g)) * n;
      counts[g] = (int) Math.floor(exact + 1e-9);
      remainders[g] = exact - counts[g];
      assigned += counts[g];
    }
    while (assigned < n) {
      int best = 0;
      for (int g = 1; g < names.size(); g++) {
        if (remainders[g] > remainders[best] + 1e-12) {
          best = g;
        }
      }
      counts[best]++;
      remainders[best] = -1;
      assigned++;
    }
    List<String> result = new ArrayList<>();
    for (int g = 0; g < names.size(); g++) {
      result.addAll(Collections.nCopies(counts[g], names.get(g)));
    }
    return result;
  }

  private LoadShape drawShape(double u) {
    double cumulative = 0;
    LoadShape last = LoadShape.WORKING;
    for (LoadShape shape : LoadShape.values()) {
      double share = loadShapes.getOrDefault(shape, 0.0);
      if (share <= 0) {
        continue;
      }
      cumulative += share;
      last = shape;
      if (u < cumulative) {
        return shape;
      }
    }
    return last;
  }

  private static <T> void shuffle(List<T> list, RandomGenerator rng) {
    for (int i = list.size() - 1; i > 0; i--) {
      Collections.swap(list, i, rng.nextInt(i + 1));
    }
  }

  private static double round2(double value) {
    return Math.round(value * 100) / 100.0;
  }
}
