package org.equigrid.market.clearing;

import com.google.ortools.linearsolver.MPVariable;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiPredicate;

/**
 * The columns of {@link MasterLp}, block by block: households are grouped into blocks (member
 * {@code k} in block {@code k mod} {@link #GROUPS}), a column is one schedule for every household
 * of its block, with its weight {@code λ} in the master. Reads the master's solution as the
 * households' combined schedules.
 *
 * <p>The schedules' all-zero rows (a household without a battery never charges) share one array:
 * the pool of a 10,000-household day holds about a hundred schedules per member, and this cuts
 * their memory by about 2.9 (BENCHMARKS.md, "A 10,000-household weighted day by decomposition").
 * Schedules are never changed after they are added, so sharing rows changes no value. (Sharing
 * equal schedules was tried too: a 10,000-household day held none twice, as column generation adds
 * only schedules that price out.)
 */
final class ColumnPool {

  /**
   * Households are pooled into at most this many blocks of the master (one convexity row each): a
   * small master stays fast, and pricing stays exact because the households of a block are
   * independent given the prices.
   */
  static final int GROUPS = 50;

  private final DecompositionData data;
  private final int groupCount;
  private final int[] groupOf;
  private final int[][] groupMembers;
  private final List<List<HouseholdBlock.Column[]>> columns;
  private final List<List<MPVariable>> lambdas;
  private int columnCount;

  /** The row of zeros the schedules' all-zero rows share (never written). */
  private final double[] zeroRow;

  ColumnPool(DecompositionData data) {
    this.data = data;
    int memberCount = data.memberCount();
    // Households are grouped into blocks (member k in block k mod groupCount): the master has a
    // convexity row per block, and a column is one schedule for every household of its block.
    groupCount = Math.min(memberCount, GROUPS);
    groupOf = new int[memberCount];
    int[] sizes = new int[groupCount];
    for (int k = 0; k < memberCount; k++) {
      groupOf[k] = k % groupCount;
      sizes[groupOf[k]]++;
    }
    groupMembers = new int[groupCount][];
    for (int g = 0; g < groupCount; g++) {
      groupMembers[g] = new int[sizes[g]];
      sizes[g] = 0;
    }
    for (int k = 0; k < memberCount; k++) {
      groupMembers[groupOf[k]][sizes[groupOf[k]]++] = k;
    }
    zeroRow = new double[data.intervals()];
    columns = new ArrayList<>(groupCount);
    lambdas = new ArrayList<>(groupCount);
    for (int g = 0; g < groupCount; g++) {
      columns.add(new ArrayList<>());
      lambdas.add(new ArrayList<>());
    }
  }

  int groupCount() {
    return groupCount;
  }

  int groupOf(int k) {
    return groupOf[k];
  }

  /** The members of block {@code g} (not a copy: not to be changed). */
  int[] groupMembers(int g) {
    return groupMembers[g];
  }

  /** Columns added so far (blocks' columns, closed ones included). */
  int columnCount() {
    return columnCount;
  }

  /** Adds block {@code g}'s column (a schedule per member of the block) with its weight. */
  void add(int g, HouseholdBlock.Column[] column, MPVariable lambda) {
    HouseholdBlock.Column[] held = new HouseholdBlock.Column[column.length];
    for (int m = 0; m < column.length; m++) {
      held[m] = held(column[m]);
    }
    columns.get(g).add(held);
    lambdas.get(g).add(lambda);
    columnCount++;
  }

  /** {@code schedule} with its all-zero rows replaced by the pool's shared row of zeros. */
  HouseholdBlock.Column held(HouseholdBlock.Column schedule) {
    double[][] values = schedule.values();
    double[][] rows = new double[values.length][];
    for (int f = 0; f < values.length; f++) {
      rows[f] = isZeroRow(values[f]) ? zeroRow : values[f];
    }
    return new HouseholdBlock.Column(rows, schedule.starts());
  }

  /**
   * Whether every value of {@code row} is +0.0 (a −0.0 is kept: bit for bit) and its length ours.
   */
  private boolean isZeroRow(double[] row) {
    if (row.length != zeroRow.length) {
      return false;
    }
    for (double x : row) {
      if (Double.doubleToRawLongBits(x) != 0) {
        return false;
      }
    }
    return true;
  }

  /**
   * Closes ({@code λ ≤ 0}) every column of the blocks {@code groups} says (all when null) in which
   * some member's schedule is one {@code against} rejects ({@code against.test(k, schedule)}).
   */
  void closeColumns(boolean[] groups, BiPredicate<Integer, HouseholdBlock.Column> against) {
    for (int g = 0; g < groupCount; g++) {
      List<HouseholdBlock.Column[]> own = columns.get(g);
      for (int j = 0; (groups == null || groups[g]) && j < own.size(); j++) {
        for (int m = 0; m < groupMembers[g].length; m++) {
          if (against.test(groupMembers[g][m], own.get(j)[m])) {
            lambdas.get(g).get(j).setUb(0);
            break;
          }
        }
      }
    }
  }

  /** The master's convex combinations as they are (the pool may send an imbalance to the grid). */
  ClearingModel.RawSolution combined() {
    int memberCount = data.memberCount();
    int intervals = data.intervals();
    double[][][] flows = new double[HouseholdBlock.FLOWS][memberCount][intervals];
    for (int g = 0; g < groupCount; g++) {
      List<HouseholdBlock.Column[]> own = columns.get(g);
      List<MPVariable> weights = lambdas.get(g);
      for (int j = 0; j < own.size(); j++) {
        double share = weights.get(j).solutionValue();
        if (share <= 0) {
          continue;
        }
        for (int m = 0; m < groupMembers[g].length; m++) {
          int k = groupMembers[g][m];
          double[][] v = own.get(j)[m].values();
          for (int f = 0; f < HouseholdBlock.FLOWS; f++) {
            for (int t = 0; t < intervals; t++) {
              flows[f][k][t] += share * v[f][t];
            }
          }
        }
      }
    }
    return raw(flows);
  }

  /**
   * Each member's distinct columns ({@code own.get(k)}), in the order the blocks hold them, those
   * whose weight is closed ({@code ub <= 0}) left out: the columns of the restricted master IP
   * ({@link RestrictedMasterIp}), where a member may combine columns of different rounds.
   */
  List<List<HouseholdBlock.Column>> memberColumns() {
    int memberCount = data.memberCount();
    List<List<HouseholdBlock.Column>> own = new ArrayList<>(memberCount);
    List<java.util.Set<Integer>> seen = new ArrayList<>(memberCount);
    for (int k = 0; k < memberCount; k++) {
      own.add(new ArrayList<>());
      seen.add(new java.util.HashSet<>());
    }
    for (int g = 0; g < groupMembers.length; g++) {
      for (int j = 0; j < columns.get(g).size(); j++) {
        if (lambdas.get(g).get(j).ub() <= 0) {
          continue;
        }
        for (int m = 0; m < groupMembers[g].length; m++) {
          int k = groupMembers[g][m];
          HouseholdBlock.Column column = columns.get(g).get(j)[m];
          int hash = java.util.Arrays.deepHashCode(column.values());
          boolean duplicate = false;
          if (seen.get(k).contains(hash)) {
            for (HouseholdBlock.Column other : own.get(k)) {
              duplicate |=
                  java.util.Arrays.deepEquals(other.values(), column.values())
                      && java.util.Arrays.equals(other.starts(), column.starts());
            }
          }
          if (!duplicate) {
            seen.get(k).add(hash);
            own.get(k).add(column);
          }
        }
      }
    }
    return own;
  }

  /** The schedules {@code flows[flow][k][t]} as the clearing's raw solution. */
  static ClearingModel.RawSolution raw(double[][][] flows) {
    return new ClearingModel.RawSolution(
        flows[HouseholdBlock.IMP],
        flows[HouseholdBlock.EXP],
        flows[HouseholdBlock.BUY],
        flows[HouseholdBlock.SELL],
        flows[HouseholdBlock.CUR],
        flows[HouseholdBlock.CH],
        flows[HouseholdBlock.DIS],
        flows[HouseholdBlock.SOC],
        flows[HouseholdBlock.FLEX]);
  }
}
