package org.equigrid.market.clearing;

import java.util.Arrays;
import org.equigrid.market.model.Battery;

/**
 * The binary pairs of a battery member (DESIGN.md section 2b), and the one-meter pair of a member
 * with flexible demand (docs/model.md, "Flexible demand"), as the staged MILP sees them in a
 * schedule: which pairs break (charge and discharge, or draw and give, at once), which direction a
 * broken pair is rounded to, and the marks that say where the MILP takes binaries. The rows
 * themselves are {@link ClearingModel}'s.
 */
public final class BinaryPairs {

  /** Simultaneity above this many kWh breaks a binary. */
  public static final double BREAK_KWH = 1e-6;

  private BinaryPairs() {}

  /**
   * Whether one interval's flows draw ({@code imp} and the net purchase {@code max(0, buy − sell)})
   * and give ({@code exp}, the net sale {@code max(0, sell − buy)} and {@code cur}) at once, both
   * above {@value #BREAK_KWH} kWh: what one meter cannot do (DESIGN.md section 2b). A purchase and
   * a sale of the same interval are netted first ({@link ResultAssembly#finish} does so), which
   * keeps the pool balance and the objective.
   */
  public static boolean breaksDirection(
      double imp, double exp, double buy, double sell, double cur) {
    return meterOverlapKwh(imp, exp, buy, sell, cur) > BREAK_KWH;
  }

  /**
   * How much one meter would draw and give at once: {@code min(draws, gives)} in kWh, with a
   * purchase and a sale of the same interval netted first ({@link #breaksDirection} when above
   * {@value #BREAK_KWH}).
   */
  public static double meterOverlapKwh(
      double imp, double exp, double buy, double sell, double cur) {
    double draws = imp + Math.max(0, buy - sell);
    double gives = exp + Math.max(0, sell - buy) + cur;
    return Math.min(draws, gives);
  }

  /**
   * Marks the pairs of battery members where {@code min(ch, dis)} exceeds {@link #BREAK_KWH} or the
   * member draws and gives at once ({@link #breaksDirection}) and that have no binary yet; returns
   * how many it marked. Members without a battery cannot break (their direction is fixed by the
   * data; a pooled block may draw and give for different households).
   */
  public static int markBroken(
      ClearingRequest request,
      ClearingModel.RawSolution values,
      boolean[][] chargeBinary,
      boolean[][] gridBinary) {
    int marked = 0;
    for (int k = 0; k < chargeBinary.length; k++) {
      if (!request.hasDirections(k)) {
        continue;
      }
      for (int t = 0; t < chargeBinary[k].length; t++) {
        if (!chargeBinary[k][t] && Math.min(values.ch()[k][t], values.dis()[k][t]) > BREAK_KWH) {
          chargeBinary[k][t] = true;
          marked++;
        }
        if (!gridBinary[k][t]
            && breaksDirection(
                values.imp()[k][t],
                values.exp()[k][t],
                values.buy()[k][t],
                values.sell()[k][t],
                values.cur()[k][t])) {
          gridBinary[k][t] = true;
          marked++;
        }
      }
    }
    return marked;
  }

  /**
   * Gives every pair of a battery member that breaks in {@code values} and has no direction yet the
   * direction of its net flow (charge if {@code ηc·ch >= dis/ηd} and nothing is sold; draw if the
   * net position {@code imp + buy − exp − sell − cur = L + ch − G − dis} is at least 0), and marks
   * it for a binary; returns how many it fixed.
   */
  public static int markDirections(
      ClearingRequest request,
      ClearingModel.RawSolution values,
      byte[][] chargeDirection,
      byte[][] gridDirection,
      boolean[][] chargeBinary,
      boolean[][] gridBinary) {
    int fixed = 0;
    for (int k = 0; k < chargeDirection.length; k++) {
      Battery battery = request.day().households().get(request.members()[k]).battery();
      if (!request.hasDirections(k)) {
        continue;
      }
      for (int t = 0; t < chargeDirection[k].length; t++) {
        double ch = values.ch()[k][t];
        double dis = values.dis()[k][t];
        if (battery != null && chargeDirection[k][t] == 0 && Math.min(ch, dis) > BREAK_KWH) {
          boolean selling = values.sell()[k][t] > BREAK_KWH;
          boolean charging =
              !selling && battery.chargeEfficiency() * ch >= dis / battery.dischargeEfficiency();
          chargeDirection[k][t] = (byte) (charging ? 1 : -1);
          chargeBinary[k][t] = true;
          fixed++;
        }
        double imp = values.imp()[k][t];
        double exp = values.exp()[k][t];
        double buy = values.buy()[k][t];
        double sell = values.sell()[k][t];
        double cur = values.cur()[k][t];
        if (gridDirection[k][t] == 0 && breaksDirection(imp, exp, buy, sell, cur)) {
          double net = imp + buy - exp - sell - cur;
          byte direction = (byte) (net >= 0 ? 1 : -1);
          byte needed = neededCharge(request, k, t, direction);
          if (needed != 0 && chargeDirection[k][t] == -needed) {
            direction = (byte) -direction; // the battery's direction is fixed already: follow it
          } else if (needed != 0 && chargeDirection[k][t] == 0) {
            chargeDirection[k][t] = needed;
            chargeBinary[k][t] = true;
            fixed++;
          }
          gridDirection[k][t] = direction;
          gridBinary[k][t] = true;
          fixed++;
        }
      }
    }
    return fixed;
  }

  /**
   * The directions a schedule takes at the pairs of battery members where it takes one without
   * breaking: charge (+1) where only {@code ch} exceeds {@link #BREAK_KWH}, discharge (−1) where
   * only {@code dis} does; draw (+1) where only the drawing side ({@code imp} and the net purchase)
   * does, give (−1) where only the giving side does ({@link #breaksDirection}); 0 where the pair is
   * idle or broken. Written into {@code chargeDirection} and {@code gridDirection}.
   */
  public static void keptDirections(
      ClearingRequest request,
      ClearingModel.RawSolution values,
      byte[][] chargeDirection,
      byte[][] gridDirection) {
    for (int k = 0; k < chargeDirection.length; k++) {
      if (!request.hasDirections(k)) {
        continue;
      }
      for (int t = 0; t < chargeDirection[k].length; t++) {
        chargeDirection[k][t] = kept(values.ch()[k][t], values.dis()[k][t]);
        gridDirection[k][t] = meterTaken(values, k, t);
      }
    }
  }

  /**
   * Fixes every pair of a battery member that has no direction yet and takes one in {@code values}
   * without breaking to that direction ({@link #keptDirections}), unless the meter's would
   * contradict a battery direction fixed already (giving while {@code L > G} needs the battery to
   * discharge, drawing while {@code G > L} needs it to charge, as in {@link #markDirections}); idle
   * pairs stay free. Marks nothing for a binary: these pairs do not break. Returns how many it
   * fixed.
   */
  public static int keepTaken(
      ClearingRequest request,
      ClearingModel.RawSolution values,
      byte[][] chargeDirection,
      byte[][] gridDirection) {
    int fixed = 0;
    for (int k = 0; k < chargeDirection.length; k++) {
      if (!request.hasDirections(k)) {
        continue;
      }
      for (int t = 0; t < chargeDirection[k].length; t++) {
        if (chargeDirection[k][t] == 0) {
          chargeDirection[k][t] = kept(values.ch()[k][t], values.dis()[k][t]);
          fixed += Math.abs(chargeDirection[k][t]);
        }
        if (gridDirection[k][t] == 0) {
          byte direction = meterTaken(values, k, t);
          byte needed = neededCharge(request, k, t, direction);
          if (needed == 0 || chargeDirection[k][t] != -needed) {
            gridDirection[k][t] = direction;
            fixed += Math.abs(direction);
          }
        }
      }
    }
    return fixed;
  }

  /**
   * The battery direction that meter direction {@code meter} needs of member {@code k} in interval
   * {@code t}: a household that only gives while its load exceeds its PV must discharge (−1), one
   * that only draws (and so does not curtail) while its PV exceeds its load must charge (+1); else
   * 0, and 0 without a battery. A re-solve with the two directions contradicting is infeasible.
   */
  private static byte neededCharge(ClearingRequest request, int k, int t, byte meter) {
    int i = request.members()[k];
    if (request.day().households().get(i).battery() == null) {
      return 0;
    }
    double load = request.day().loadKwh()[i][t];
    double pv = request.day().pvKwh()[i][t];
    return meter < 0 && load > pv ? -1 : meter > 0 && pv > load ? (byte) 1 : 0;
  }

  /** The meter's direction member {@code k} takes in interval {@code t} ({@link #kept}). */
  private static byte meterTaken(ClearingModel.RawSolution values, int k, int t) {
    double buy = values.buy()[k][t];
    double sell = values.sell()[k][t];
    return kept(
        values.imp()[k][t] + Math.max(0, buy - sell),
        values.exp()[k][t] + Math.max(0, sell - buy) + values.cur()[k][t]);
  }

  /** +1 where only {@code plus} exceeds {@link #BREAK_KWH}, −1 where only {@code minus}, else 0. */
  private static byte kept(double plus, double minus) {
    boolean hasPlus = plus > BREAK_KWH;
    boolean hasMinus = minus > BREAK_KWH;
    return hasPlus == hasMinus ? 0 : (byte) (hasPlus ? 1 : -1);
  }

  /**
   * Replaces every fixed direction by one that admits an idle battery: draw where {@code L >= G}
   * (the battery may then only discharge), give where {@code G > L} (it may only charge). With the
   * battery idle the household draws {@code L − G} or gives {@code G − L}, so these directions
   * never make the rounding infeasible by themselves.
   */
  public static void idleDirections(
      ClearingRequest request, byte[][] chargeDirection, byte[][] gridDirection) {
    for (int k = 0; k < gridDirection.length; k++) {
      int i = request.members()[k];
      for (int t = 0; t < gridDirection[k].length; t++) {
        if (gridDirection[k][t] == 0 && chargeDirection[k][t] == 0) {
          continue;
        }
        boolean draws = request.day().loadKwh()[i][t] >= request.day().pvKwh()[i][t];
        gridDirection[k][t] = (byte) (draws ? 1 : -1);
        boolean battery = request.day().households().get(i).hasBattery();
        chargeDirection[k][t] = battery ? (byte) (draws ? -1 : 1) : 0;
      }
    }
  }

  /**
   * The binaries the MILP would have with the marks widened to every interval of the members marked
   * somewhere: the size that {@link SolverOptions#milpMaxBinaries()} is compared with (the MILP
   * itself takes binaries only on the marked pairs).
   */
  public static int widenedCount(boolean[][] marks) {
    int count = 0;
    for (boolean[] row : marks) {
      for (boolean mark : row) {
        if (mark) {
          count += row.length;
          break;
        }
      }
    }
    return count;
  }

  /** Marks every interval of a member that has a mark in some interval. */
  public static void widenToHouseholds(boolean[][] marks) {
    for (boolean[] row : marks) {
      boolean any = false;
      for (boolean mark : row) {
        any |= mark;
      }
      if (any) {
        Arrays.fill(row, true);
      }
    }
  }

  /** How many marks are set. */
  public static int countTrue(boolean[][] flags) {
    int count = 0;
    for (boolean[] row : flags) {
      for (boolean flag : row) {
        count += flag ? 1 : 0;
      }
    }
    return count;
  }

  /** Marks on every pair of every member: the full MILP. */
  public static boolean[][] everywhere(int memberCount, int intervals) {
    boolean[][] all = new boolean[memberCount][intervals];
    for (boolean[] row : all) {
      Arrays.fill(row, true);
    }
    return all;
  }
}
