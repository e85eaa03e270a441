package org.equigrid.market.settlement;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.equigrid.market.clearing.ClearingRequest;
import org.equigrid.market.model.Battery;
import org.equigrid.market.model.Household;
import org.equigrid.market.model.TradingDay;

/**
 * The households of a day grouped into types of near-identical members, for the settlement of large
 * communities. Households are first split by group, kind and battery (so every member of a type has
 * the same weight {@code λ} and the same assets), then each such class is split by k-means on
 * standardised features of the day (daily load, its share in four six-hour blocks, daily PV,
 * battery capacity, power and state of charge) into a number of clusters proportional to its size.
 * The k-means is deterministic: farthest-point initialisation from the point nearest the class
 * mean, then {@value TypeClustering#ITERATIONS} Lloyd iterations, ties to the lower index ({@link
 * TypeClustering}).
 *
 * <p>A type's representative has the mean profiles and mean assets of its members. Types are
 * numbered by their lowest member index, so with one household per type, type {@code k} is
 * household {@code k}.
 */
public final class HouseholdTypes {

  private final TradingDay day;
  private final int[] typeOf;
  private final int[][] members;
  private final Household[] representative;
  private final double[][] loadKwh;
  private final double[][] pvKwh;
  private final double[] initialSocKwh;

  private HouseholdTypes(TradingDay day, int[] typeOf) {
    this.day = day;
    this.typeOf = typeOf;
    int types = Arrays.stream(typeOf).max().orElse(-1) + 1;
    int[] counts = new int[types];
    for (int t : typeOf) {
      counts[t]++;
    }
    members = new int[types][];
    for (int k = 0; k < types; k++) {
      members[k] = new int[counts[k]];
    }
    int[] filled = new int[types];
    for (int i = 0; i < typeOf.length; i++) {
      members[typeOf[i]][filled[typeOf[i]]++] = i;
    }
    representative = new Household[types];
    loadKwh = new double[types][];
    pvKwh = new double[types][];
    initialSocKwh = new double[types];
    for (int k = 0; k < types; k++) {
      represent(k);
    }
  }

  /**
   * Clusters the day's households into about {@code targetTypes} types: at least one per class of
   * group, kind and battery (so possibly more), at most one per household.
   */
  public static HouseholdTypes cluster(TradingDay day, int targetTypes) {
    if (targetTypes < 1) {
      throw new IllegalArgumentException(
          "targetTypes (" + targetTypes + ") must be >= 1. Maybe 16?");
    }
    int n = day.householdCount();
    Map<String, List<Integer>> classes = new TreeMap<>();
    for (int i = 0; i < n; i++) {
      Household h = day.households().get(i);
      String key = h.group() + "|" + h.kind() + "|" + (h.hasBattery() ? "battery" : "-");
      classes.computeIfAbsent(key, x -> new ArrayList<>()).add(i);
    }
    List<List<Integer>> classList = new ArrayList<>(classes.values());
    int[] clusters = allocate(classList, targetTypes);
    double[][] features = TypeClustering.standardised(TypeClustering.features(day));
    int[] label = new int[n];
    int next = 0;
    for (int c = 0; c < classList.size(); c++) {
      List<Integer> group = classList.get(c);
      double[][] points = new double[group.size()][];
      for (int p = 0; p < points.length; p++) {
        points[p] = features[group.get(p)];
      }
      int[] assignment = TypeClustering.kMeans(points, clusters[c]);
      int used = Arrays.stream(assignment).max().orElse(-1) + 1;
      for (int p = 0; p < points.length; p++) {
        label[group.get(p)] = next + assignment[p];
      }
      next += used;
    }
    // Renumber by lowest member index.
    int[] renumber = new int[next];
    Arrays.fill(renumber, -1);
    int types = 0;
    int[] typeOf = new int[n];
    for (int i = 0; i < n; i++) {
      if (renumber[label[i]] < 0) {
        renumber[label[i]] = types++;
      }
      typeOf[i] = renumber[label[i]];
    }
    return new HouseholdTypes(day, typeOf);
  }

  /**
   * Clusters per class: one each, the rest one at a time to the class with most members per
   * cluster.
   */
  private static int[] allocate(List<List<Integer>> classes, int target) {
    int[] k = new int[classes.size()];
    Arrays.fill(k, 1);
    int remaining = target - classes.size();
    while (remaining > 0) {
      int best = -1;
      double bestRatio = 0;
      for (int c = 0; c < k.length; c++) {
        int size = classes.get(c).size();
        double ratio = (double) size / k[c];
        if (k[c] < size && ratio > bestRatio) {
          best = c;
          bestRatio = ratio;
        }
      }
      if (best < 0) {
        break;
      }
      k[best]++;
      remaining--;
    }
    return k;
  }

  private void represent(int k) {
    int[] of = members[k];
    int c = of.length;
    int intervals = day.intervals();
    double[] load = new double[intervals];
    double[] pv = new double[intervals];
    double kwp = 0;
    double income = 0;
    double soc = 0;
    double[] battery = new double[6];
    Household first = day.households().get(of[0]);
    for (int i : of) {
      Household h = day.households().get(i);
      for (int t = 0; t < intervals; t++) {
        load[t] += day.loadKwh()[i][t] / c;
        pv[t] += day.pvKwh()[i][t] / c;
      }
      kwp += h.pvKwp() / c;
      income += h.dailyIncomeEur() / c;
      soc += day.initialSocKwh()[i] / c;
      if (h.hasBattery()) {
        Battery b = h.battery();
        battery[0] += b.capacityKwh() / c;
        battery[1] += b.powerKw() / c;
        battery[2] += b.chargeEfficiency() / c;
        battery[3] += b.dischargeEfficiency() / c;
        battery[4] += b.socMinKwh() / c;
        battery[5] += b.socMaxKwh() / c;
      }
    }
    Battery mean = null;
    if (first.hasBattery()) {
      if (c == 1) {
        mean = first.battery();
        soc = day.initialSocKwh()[of[0]];
      } else {
        double socMax = Math.min(battery[5], battery[0]);
        double socMin = Math.min(battery[4], socMax);
        soc = Math.min(socMax, Math.max(socMin, soc));
        mean =
            new Battery(
                battery[0],
                battery[1],
                Math.min(1, battery[2]),
                Math.min(1, battery[3]),
                socMin,
                socMax,
                soc);
      }
    }
    if (c == 1) {
      load = day.loadKwh()[of[0]].clone();
      pv = day.pvKwh()[of[0]].clone();
      kwp = first.pvKwp();
      income = first.dailyIncomeEur();
    }
    representative[k] =
        new Household(
            String.format("type%02d", k), first.kind(), first.group(), income, kwp, mean, null);
    loadKwh[k] = load;
    pvKwh[k] = pv;
    initialSocKwh[k] = soc;
  }

  /** The number of types {@code K}. */
  public int types() {
    return members.length;
  }

  /** The type of a household. */
  public int typeOf(int household) {
    return typeOf[household];
  }

  /** Members per type {@code c_k}. */
  public int[] counts() {
    int[] counts = new int[members.length];
    for (int k = 0; k < counts.length; k++) {
      counts[k] = members[k].length;
    }
    return counts;
  }

  /** The household indices of a type, increasing. */
  public int[] members(int type) {
    return members[type].clone();
  }

  /** The representative of a type (mean profiles and assets of its members), count 1. */
  public Household representative(int type) {
    return representative[type];
  }

  /** The socio-economic group of a type. */
  public String group(int type) {
    return representative[type].group();
  }

  /**
   * The cost-minimising request of the type coalition {@code counts}: its {@link #aggregated} day,
   * every present type a member with its connection limits scaled by its count.
   */
  ClearingRequest costMinimisingRequest(int[] counts, double[] poolPriceEurPerKwh) {
    TradingDay day = aggregated(counts);
    int m = day.householdCount();
    int[] members = new int[m];
    double[] scale = new double[m];
    for (int k = 0, j = 0; k < counts.length; k++) {
      if (counts[k] > 0) {
        members[j] = j;
        scale[j] = counts[k];
        j++;
      }
    }
    return ClearingRequest.costMinimising(day, members, poolPriceEurPerKwh, scale);
  }

  /**
   * A day whose households are the types with a positive count, in type order, each the
   * representative scaled by its count (profiles, PV, battery capacity, power and state of charge);
   * the connection limits are scaled by the clearing request.
   */
  TradingDay aggregated(int[] counts) {
    List<Household> households = new ArrayList<>();
    List<double[]> load = new ArrayList<>();
    List<double[]> pv = new ArrayList<>();
    List<Double> soc = new ArrayList<>();
    for (int k = 0; k < counts.length; k++) {
      int c = counts[k];
      if (c == 0) {
        continue;
      }
      Household r = representative[k];
      Battery b = r.battery();
      Battery scaled =
          b == null || c == 1
              ? b
              : new Battery(
                  c * b.capacityKwh(),
                  c * b.powerKw(),
                  b.chargeEfficiency(),
                  b.dischargeEfficiency(),
                  c * b.socMinKwh(),
                  c * b.socMaxKwh(),
                  c * b.initialSocKwh());
      households.add(
          new Household(
              r.id(), r.kind(), r.group(), c * r.dailyIncomeEur(), c * r.pvKwp(), scaled, null));
      load.add(times(loadKwh[k], c));
      pv.add(times(pvKwh[k], c));
      soc.add(c * initialSocKwh[k]);
    }
    return day.withHouseholds(
        households,
        load.toArray(new double[0][]),
        pv.toArray(new double[0][]),
        soc.stream().mapToDouble(Double::doubleValue).toArray());
  }

  private static double[] times(double[] values, int c) {
    if (c == 1) {
      return values;
    }
    double[] result = new double[values.length];
    for (int t = 0; t < values.length; t++) {
      result[t] = c * values[t];
    }
    return result;
  }
}
