package org.equigrid.market.clearing;

import com.google.ortools.linearsolver.MPConstraint;
import com.google.ortools.linearsolver.MPSolver;
import com.google.ortools.linearsolver.MPVariable;
import java.util.ArrayList;
import java.util.List;
import org.equigrid.market.model.FlexibleDemand;

/**
 * The start variables {@code s[a,k]} of one household's deferrable appliances (docs/model.md,
 * "Flexible demand", F4) in the order {@link DayFormulation#flexibleDemand} makes them (appliance
 * by appliance, its feasible starts in time order): per variable {@code j} its interval and its
 * appliance. Fixes them to given starts and reads the starts of a solution, for {@link
 * HouseholdBlock} and {@link HouseholdMilp}; and the restricted master IP's rows that make a
 * member's combination of columns run each appliance whole ({@link #wholeRuns}).
 *
 * @param interval per start variable, the interval it starts the appliance in
 * @param appliance per start variable, the appliance's index
 * @param appliances how many appliances the household has
 */
record ApplianceStarts(int[] interval, int[] appliance, int appliances) {

  /** The start variables of {@code flex}'s appliances over a day of {@code intervals}. */
  static ApplianceStarts of(FlexibleDemand flex, int intervals, double intervalHours) {
    List<int[]> rows = new ArrayList<>();
    for (int a = 0; a < flex.appliances().size(); a++) {
      for (int k = 0; k < intervals; k++) {
        if (flex.appliances().get(a).canStart(k, intervalHours)) {
          rows.add(new int[] {k, a});
        }
      }
    }
    int[] interval = new int[rows.size()];
    int[] appliance = new int[rows.size()];
    for (int j = 0; j < rows.size(); j++) {
      interval[j] = rows.get(j)[0];
      appliance[j] = rows.get(j)[1];
    }
    return new ApplianceStarts(interval, appliance, flex.appliances().size());
  }

  /**
   * Bounds the start variables {@code starts} (this order): appliance {@code a} at {@code fixed[a]}
   * (that start's variable 1, the others 0), or every one in [0, 1] when {@code fixed} is null.
   */
  void bound(List<MPVariable> starts, int[] fixed) {
    for (int j = 0; j < starts.size(); j++) {
      double lb = fixed != null && fixed[appliance[j]] == interval[j] ? 1 : 0;
      starts.get(j).setBounds(lb, fixed == null || lb > 0 ? 1 : 0);
    }
  }

  /** Each appliance's start in a solution of {@code starts} (its variable at 1). */
  int[] chosen(List<MPVariable> starts) {
    int[] chosen = new int[appliances];
    for (int j = 0; j < starts.size(); j++) {
      if (starts.get(j).solutionValue() > 0.5) {
        chosen[appliance[j]] = interval[j];
      }
    }
    return chosen;
  }

  /**
   * The start binaries of a member's deferrable appliances in the restricted master IP ({@link
   * RestrictedMasterIp}; docs/model.md F4–F5), so that the member's schedule over its columns
   * {@code list} (weights {@code lambda}) runs each of its {@code appliances} once, whole: for each
   * appliance {@code a} and each start {@code s} its columns use, a binary {@code z[a,s]} with
   * {@code Σ_{columns starting a at s} λ = z[a,s]} (with the member's convexity row, {@code Σ_s
   * z[a,s] = 1}). A column without known starts (from the relaxation) is left out ({@code λ = 0}).
   * Returns how many binaries it made (none where every column starts an appliance alike).
   */
  static int wholeRuns(
      MPSolver ip, int appliances, List<HouseholdBlock.Column> list, List<MPVariable> lambda) {
    if (appliances == 0) {
      return 0;
    }
    int made = 0;
    for (int j = 0; j < list.size(); j++) {
      if (list.get(j).starts() == null) {
        lambda.get(j).setUb(0);
      }
    }
    for (int a = 0; a < appliances; a++) {
      java.util.SortedMap<Integer, List<Integer>> byStart = new java.util.TreeMap<>();
      for (int j = 0; j < list.size(); j++) {
        int[] columnStarts = list.get(j).starts();
        if (columnStarts != null) {
          byStart.computeIfAbsent(columnStarts[a], s -> new ArrayList<>()).add(j);
        }
      }
      if (byStart.size() < 2) {
        continue;
      }
      for (List<Integer> columns : byStart.values()) {
        MPVariable z = ip.makeIntVar(0, 1, "");
        MPConstraint row = ip.makeConstraint(0, 0, "");
        row.setCoefficient(z, -1);
        for (int j : columns) {
          row.setCoefficient(lambda.get(j), 1);
        }
        made++;
      }
    }
    return made;
  }
}
