package org.equigrid.market.negotiation;

import org.equigrid.market.clearing.HouseholdBlock;
import org.equigrid.market.clearing.HouseholdMilp;
import org.equigrid.market.model.TradingDay;

/**
 * The household side of every mechanism, from the household's own data only (its row of the day,
 * its battery and the tariff): it answers a {@link Signal} with its own schedule. The rows are
 * those of the central clearing (DESIGN.md section 2), the one-meter and battery binaries relaxed
 * to [0, 1] ({@link HouseholdBlock}), or binary where the decomposition asks for integer columns
 * ({@link HouseholdMilp}). Tâtonnement prices get the household's cheapest schedule at the pool
 * price (an LP best response); column prices the decomposition's pricing problem; proximal prices
 * the ADMM step ({@link HouseholdBlock#solveProximal}). One instance per household and day; not
 * thread-safe.
 */
public final class LocalHousehold implements AutoCloseable {

  static {
    com.google.ortools.Loader.loadNativeLibraries();
  }

  private final TradingDay day;
  private final int index;
  private final HouseholdBlock block;
  private HouseholdMilp milp;
  private ProximalHousehold proximal;
  private Answer.Schedule lastProximal;
  private double standaloneCostEur = Double.NaN;
  private double epsilonEur = Double.NaN;

  /** Household {@code index} of {@code day}; only its own row is read. */
  public LocalHousehold(TradingDay day, int index) {
    this.day = day;
    this.index = index;
    this.block = new HouseholdBlock(day, index);
  }

  /**
   * What the household knows of itself for the Rawlsian floor under ADMM ({@link
   * Signal.ProximalPrices#floorTargetSaving}): its standalone cost {@code C0} and the {@code ε} of
   * the relative saving's denominator. Returns this.
   */
  public LocalHousehold withStandaloneCost(double standaloneCostEur, double epsilonEur) {
    if (!Double.isFinite(standaloneCostEur) || !(epsilonEur > 0)) {
      throw new IllegalArgumentException(
          "standalone cost " + standaloneCostEur + " EUR and epsilon " + epsilonEur + " EUR");
    }
    this.standaloneCostEur = standaloneCostEur;
    this.epsilonEur = epsilonEur;
    return this;
  }

  /** The household's answer to {@code signal}, or null if it has no feasible schedule. */
  public Answer answer(Signal signal) {
    int n = day.intervals();
    if (signal instanceof Signal.ColumnPrices c) {
      HouseholdBlock.PricingCall call =
          new HouseholdBlock.PricingCall(
              c.importCostEurPerKwh(),
              c.exportCostEurPerKwh(),
              c.buyCostEurPerKwh(),
              c.sellCostEurPerKwh(),
              c.tradeOpen(),
              c.chargeDirection(),
              c.gridDirection(),
              c.fixedStarts());
      if (c.integer() && milp == null) {
        milp = new HouseholdMilp(day, index);
      }
      HouseholdBlock.Column column = c.integer() ? milp.solve(call) : block.solve(call);
      return column == null ? null : schedule(column);
    }
    if (signal instanceof Signal.PoolPrices p) {
      double[] imp = day.tariff().importPriceEurPerKwh();
      double[] exp = day.tariff().exportPriceEurPerKwh();
      double[] costExp = new double[n];
      double[] costSell = new double[n];
      boolean[] open = new boolean[n];
      for (int t = 0; t < n; t++) {
        costExp[t] = -exp[t];
        costSell[t] = -p.poolPriceEurPerKwh()[t];
        open[t] = true;
      }
      HouseholdBlock.Column column =
          block.solve(
              new HouseholdBlock.PricingCall(
                  imp.clone(),
                  costExp,
                  p.poolPriceEurPerKwh().clone(),
                  costSell,
                  open,
                  new byte[n],
                  new byte[n],
                  null));
      if (column == null) {
        return null;
      }
      double[][] v = column.values();
      double[] net = new double[n];
      for (int t = 0; t < n; t++) {
        net[t] =
            v[HouseholdBlock.IMP][t]
                + v[HouseholdBlock.BUY][t]
                - v[HouseholdBlock.EXP][t]
                - v[HouseholdBlock.SELL][t];
      }
      return new Answer.NetProfile(
          net, v[HouseholdBlock.CH].clone(), v[HouseholdBlock.DIS].clone());
    }
    Signal.ProximalPrices x = (Signal.ProximalPrices) signal;
    if (proximal == null) {
      proximal = new ProximalHousehold(day, index, block);
    }
    double[] poolTarget = new double[n];
    double[] importTarget = new double[n];
    for (int t = 0; t < n; t++) {
      double previousPool =
          lastProximal == null ? 0 : lastProximal.buyKwh()[t] - lastProximal.sellKwh()[t];
      double previousImport = lastProximal == null ? 0 : lastProximal.importKwh()[t];
      poolTarget[t] = previousPool + x.poolShiftKwh()[t];
      importTarget[t] = previousImport + x.importShiftKwh()[t];
    }
    if (x.floorTargetSaving() != null && Double.isNaN(standaloneCostEur)) {
      throw new IllegalStateException(
          "asked for its copy of the Rawlsian floor, but the household was given no standalone"
              + " cost (withStandaloneCost)");
    }
    Answer.Schedule s =
        proximal.solve(
            x.weight(),
            poolTarget,
            importTarget,
            x.rhoEurPerKwh2(),
            x.poolPriceEurPerKwh(),
            x.floorTargetSaving() == null
                ? null
                : FloorConsensus.proximal(
                    x.floorTargetSaving(),
                    standaloneCostEur,
                    epsilonEur,
                    day.tariff(),
                    x.poolPriceEurPerKwh()));
    if (s != null) {
      lastProximal = s;
    }
    return s;
  }

  Answer.Schedule schedule(HouseholdBlock.Column column) {
    return schedule(column, day.households().get(index).hasFlex());
  }

  /** The column as a schedule, its flexible load only where the household has one. */
  static Answer.Schedule schedule(HouseholdBlock.Column column, boolean flexible) {
    double[][] v = column.values();
    return new Answer.Schedule(
        v[HouseholdBlock.IMP].clone(),
        v[HouseholdBlock.EXP].clone(),
        v[HouseholdBlock.BUY].clone(),
        v[HouseholdBlock.SELL].clone(),
        v[HouseholdBlock.CUR].clone(),
        v[HouseholdBlock.CH].clone(),
        v[HouseholdBlock.DIS].clone(),
        v[HouseholdBlock.SOC].clone(),
        flexible ? v[HouseholdBlock.FLEX].clone() : null,
        column.starts() == null ? null : column.starts().clone());
  }

  @Override
  public void close() {
    block.close();
    if (milp != null) {
      milp.close();
    }
  }
}
