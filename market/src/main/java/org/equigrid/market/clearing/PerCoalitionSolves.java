package org.equigrid.market.clearing;

import org.equigrid.market.model.TradingDay;

/**
 * The {@link CoalitionLp} of a day with flexible demand (docs/model.md, "Flexible demand"): no
 * incremental LP models the EV rows of joining and leaving households, so {@link #solveCostEur()}
 * is always {@code NaN} and the caller solves every coalition with {@link CoalitionSolver} (exact,
 * slower). It only keeps the coalition's members.
 */
public final class PerCoalitionSolves implements CoalitionLp {

  private final int households;
  private final JoinOrder members;

  PerCoalitionSolves(TradingDay day) {
    this.households = day.householdCount();
    this.members = new JoinOrder(households);
  }

  /** Whether {@code day} needs it: some household has flexible demand. */
  static boolean applies(TradingDay day) {
    return day.households().stream().anyMatch(h -> h.hasFlex());
  }

  @Override
  public int households() {
    return households;
  }

  @Override
  public void reset() {
    for (int i : members.toArray()) {
      members.remove(i);
    }
  }

  @Override
  public void join(int household) {
    members.add(household);
  }

  @Override
  public void leave(int household) {
    members.remove(household);
  }

  @Override
  public int[] members() {
    return members.toArray();
  }

  @Override
  public double solveCostEur() {
    return Double.NaN;
  }

  @Override
  public SolveStatus lastStatus() {
    return null;
  }

  @Override
  public void close() {}
}
