package org.equigrid.market.clearing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.google.ortools.linearsolver.MPConstraint;
import com.google.ortools.linearsolver.MPSolver;
import com.google.ortools.linearsolver.MPVariable;
import org.equigrid.market.model.Battery;
import org.equigrid.market.model.Tariff;
import org.equigrid.market.model.TradingDay;
import org.equigrid.market.ortools.OrToolsNatives;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Each row family of DESIGN.md section 2 against coefficients and bounds computed by hand. */
class DayFormulationTest {

  private static final double INF = Double.POSITIVE_INFINITY;

  /** 10 kWh, 3 kW, ηc 0.9, ηd 0.8, soc in [1, 10], soc0 4. */
  private static final Battery BATTERY = new Battery(10, 3, 0.9, 0.8, 1, 10, 4);

  private MPSolver solver;
  private DayFormulation rows;

  @BeforeEach
  void setUp() {
    OrToolsNatives.load();
    solver = MPSolver.createSolver("SCIP");
    rows = new DayFormulation(solver, true);
  }

  @AfterEach
  void tearDown() {
    solver.delete();
  }

  private MPVariable v(String prefix) {
    return rows.variable(0, INF, prefix, 3, 1);
  }

  private IntervalCell batteryCell(MPVariable socBefore) {
    return new IntervalCell(
        v("imp"), v("exp"), v("buy"), v("sell"), v("cur"), v("ch"), v("dis"), v("soc"), socBefore,
        null);
  }

  @Test
  void withBattery_interval1_writesEveryRowFamilyWithHandComputedCoefficients() {
    MPVariable socBefore = rows.variable(0, INF, "soc", 3, 0);
    IntervalCell x = batteryCell(socBefore);
    // L = 2, G = 0.5, Δt = 0.5 h: P·Δt = 1.5 kWh, Mimp = 2 − 0.5 + 1.5 = 3, Mexp = 0.5 − 2 + 1.5 =
    // 0
    IntervalRows r = rows.withBattery(3, 1, 2.0, 0.5, BATTERY, 4.0, 0.5, x, BatteryRows.INTEGER);

    // balance: imp + buy + dis − ch − exp − sell − cur = L − G = 1.5
    assertRow(r.balance(), "bal_h3_t1", 1.5, 1.5);
    assertThat(r.balance().getCoefficient(x.imp())).isEqualTo(1);
    assertThat(r.balance().getCoefficient(x.buy())).isEqualTo(1);
    assertThat(r.balance().getCoefficient(x.dis())).isEqualTo(1);
    assertThat(r.balance().getCoefficient(x.ch())).isEqualTo(-1);
    assertThat(r.balance().getCoefficient(x.exp())).isEqualTo(-1);
    assertThat(r.balance().getCoefficient(x.sell())).isEqualTo(-1);
    assertThat(r.balance().getCoefficient(x.cur())).isEqualTo(-1);
    // origin: sell − dis <= G = 0.5; imp + buy − ch <= L = 2
    assertRow(r.originSell(), "osell_h3_t1", -INF, 0.5);
    assertThat(r.originSell().getCoefficient(x.sell())).isEqualTo(1);
    assertThat(r.originSell().getCoefficient(x.dis())).isEqualTo(-1);
    assertRow(r.originBuy(), "obuy_h3_t1", -INF, 2.0);
    assertThat(r.originBuy().getCoefficient(x.imp())).isEqualTo(1);
    assertThat(r.originBuy().getCoefficient(x.buy())).isEqualTo(1);
    assertThat(r.originBuy().getCoefficient(x.ch())).isEqualTo(-1);
    // dynamics: soc[1] − soc[0] − 0.9·ch + ch/0.8 = 0 (rhs 0 after the first interval)
    assertRow(r.dynamics(), "soc_h3_t1", 0, 0);
    assertThat(r.dynamics().getCoefficient(x.soc())).isEqualTo(1);
    assertThat(r.dynamics().getCoefficient(socBefore)).isEqualTo(-1);
    assertThat(r.dynamics().getCoefficient(x.ch())).isEqualTo(-0.9);
    assertThat(r.dynamics().getCoefficient(x.dis())).isCloseTo(1.25, within(1e-15));
    // β: ch − 1.5·β <= 0, dis + 1.5·β <= 1.5
    assertThat(isInteger(r.beta())).isTrue();
    assertRow(r.charge(), "bch_h3_t1", -INF, 0);
    assertThat(r.charge().getCoefficient(x.ch())).isEqualTo(1);
    assertThat(r.charge().getCoefficient(r.beta())).isEqualTo(-1.5);
    assertRow(r.discharge(), "bdis_h3_t1", -INF, 1.5);
    assertThat(r.discharge().getCoefficient(r.beta())).isEqualTo(1.5);
    // δ: imp + buy − 3·δ <= 0, exp + sell + cur + 0·δ <= 0
    assertRow(r.importSide(), "dimp_h3_t1", -INF, 0);
    assertThat(r.importSide().getCoefficient(r.delta())).isEqualTo(-3);
    assertThat(r.importSide().getCoefficient(x.buy())).isEqualTo(1);
    assertRow(r.exportSide(), "dexp_h3_t1", -INF, 0);
    assertThat(r.exportSide().getCoefficient(x.cur())).isEqualTo(1);
    assertThat(rows.integerCount()).isEqualTo(2);
    assertThat(r.need()).isNull();
    assertThat(r.surplus()).isNull();
  }

  @Test
  void withoutBattery_evWithSurplus_flexRowsWithHandComputedCoefficients() {
    // L = 1, G = 3 (surplus 2, need 0), EV cap P·Δt = 3.7 kWh: balance imp + buy − exp − sell − cur
    // − ev = L − G = −2; need imp + buy − ev <= 0; surplus exp + sell + cur <= 2; one meter
    // imp + buy − 3.7·δ <= 0, exp + sell + cur + 2·δ <= 2 (F1, F2 of docs/model.md)
    MPVariable ev = rows.variable(0, 3.7, "ev", 3, 1);
    IntervalCell x =
        new IntervalCell(
            v("imp"), v("exp"), v("buy"), v("sell"), v("cur"), null, null, null, null, ev);
    IntervalRows r = rows.withoutBattery(3, 1, 1.0, 3.0, 0.0, 2.0, x, true, true);
    assertRow(r.balance(), "bal_h3_t1", -2, -2);
    assertThat(r.balance().getCoefficient(ev)).isEqualTo(-1);
    assertThat(r.balance().getCoefficient(x.imp())).isEqualTo(1);
    assertRow(r.need(), "need_h3_t1", -INF, 0);
    assertThat(r.need().getCoefficient(ev)).isEqualTo(-1);
    assertThat(r.need().getCoefficient(x.buy())).isEqualTo(1);
    assertRow(r.surplus(), "surplus_h3_t1", -INF, 2);
    assertThat(isInteger(r.delta())).isTrue();
    assertRow(r.importSide(), "dimp_h3_t1", -INF, 0);
    assertThat(r.importSide().getCoefficient(r.delta())).isCloseTo(-3.7, within(1e-15));
    assertRow(r.exportSide(), "dexp_h3_t1", -INF, 2);
    assertThat(r.exportSide().getCoefficient(r.delta())).isEqualTo(2);
    assertThat(r.exportSide().getCoefficient(x.sell())).isEqualTo(1);
    // F3: the EV's daily energy
    MPVariable other = rows.variable(0, 3.7, "ev", 3, 2);
    var day = rows.evEnergy(3, new MPVariable[] {null, ev, other}, 5.0);
    assertRow(day, "evday_h3", 5, 5);
    assertThat(day.getCoefficient(ev)).isEqualTo(1);
    assertThat(day.getCoefficient(other)).isEqualTo(1);
  }

  @Test
  void flexibleDemand_evAndTwoHourAppliance_startsLoadAndEnergyRowsByHand() {
    // Δt = 1 h, 4 intervals. Appliance 1.5 kW for 2 h in hours [1, 4]: starts at 1 and 2 (start 3
    // would end at 5 > 4). EV 2 kWh, 1 kW, plugged in 0..2 h. F6: flex[t] − ev[t] − 1.5·(s[t] +
    // s[t−1]) = 0; F5: s1 + s2 = 1; F3 on the EV's own ev[0], ev[1].
    org.equigrid.market.model.FlexibleDemand demand =
        new org.equigrid.market.model.FlexibleDemand(
            new org.equigrid.market.model.ElectricVehicle(2, 1, 0, 2),
            java.util.List.of(new org.equigrid.market.model.Appliance("dish", 1.5, 2, 1, 4)));
    assertThat(demand.capKwh(0, 1.0)).isEqualTo(1.0); // EV only
    assertThat(demand.capKwh(1, 1.0)).isEqualTo(2.5); // EV + appliance (start 1)
    assertThat(demand.capKwh(3, 1.0)).isEqualTo(1.5); // appliance (start 2)
    assertThat(demand.energyKwh()).isEqualTo(2 + 3.0);
    MPVariable[] flex = new MPVariable[4];
    for (int t = 0; t < 4; t++) {
      flex[t] = rows.variable(0, demand.capKwh(t, 1.0), "flex", 3, t);
    }
    java.util.List<MPVariable> starts = new java.util.ArrayList<>();
    rows.flexibleDemand(3, flex, demand, 1.0, true, starts);
    assertThat(rows.integerCount()).isEqualTo(2);
    MPVariable s1 = byName("start0_h3_t1");
    MPVariable s2 = byName("start0_h3_t2");
    assertThat(starts).extracting(MPVariable::index).containsExactly(s1.index(), s2.index());
    assertThat(byName("start0_h3_t0")).isNull();
    assertThat(byName("start0_h3_t3")).isNull();
    MPConstraint once = rowByName("once0_h3");
    assertRow(once, "once0_h3", 1, 1);
    assertThat(once.getCoefficient(s1)).isEqualTo(1);
    assertThat(once.getCoefficient(s2)).isEqualTo(1);
    double[][] startCoefficients = {{0, 0}, {-1.5, 0}, {-1.5, -1.5}, {0, -1.5}};
    for (int t = 0; t < 4; t++) {
      MPConstraint defined = rowByName("flex_h3_t" + t);
      assertRow(defined, "flex_h3_t" + t, 0, 0);
      assertThat(defined.getCoefficient(flex[t])).isEqualTo(1);
      assertThat(defined.getCoefficient(s1)).isEqualTo(startCoefficients[t][0]);
      assertThat(defined.getCoefficient(s2)).isEqualTo(startCoefficients[t][1]);
      MPVariable ev = byName("evc_h3_t" + t);
      assertThat(ev == null).isEqualTo(t >= 2); // plugged in 0..2 h
      if (ev != null) {
        assertThat(ev.ub()).isEqualTo(1.0);
        assertThat(defined.getCoefficient(ev)).isEqualTo(-1);
        assertThat(rowByName("evday_h3").getCoefficient(ev)).isEqualTo(1);
      }
    }
    assertRow(rowByName("evday_h3"), "evday_h3", 2, 2);
  }

  @Test
  void flexibleDemand_relaxed_startsAreContinuousInZeroOne() {
    org.equigrid.market.model.FlexibleDemand demand =
        new org.equigrid.market.model.FlexibleDemand(
            null, java.util.List.of(new org.equigrid.market.model.Appliance("wash", 2, 1, 0, 2)));
    MPVariable[] flex = {rows.variable(0, 2, "flex", 3, 0), rows.variable(0, 2, "flex", 3, 1)};
    rows.flexibleDemand(3, flex, demand, 1.0, false, new java.util.ArrayList<>());
    assertThat(rows.integerCount()).isZero();
    MPVariable s0 = byName("start0_h3_t0");
    assertThat(isInteger(s0)).isFalse();
    assertThat(s0.lb()).isZero();
    assertThat(s0.ub()).isEqualTo(1);
    assertThat(rowByName("flex_h3_t0").getCoefficient(s0)).isEqualTo(-2);
    assertThat(rowByName("flex_h3_t1").getCoefficient(s0)).isZero();
  }

  private MPVariable byName(String name) {
    return solver.lookupVariableOrNull(name);
  }

  private MPConstraint rowByName(String name) {
    return solver.lookupConstraintOrNull(name);
  }

  @Test
  void withoutBattery_evWithoutSurplus_noMeterBinary() {
    MPVariable ev = rows.variable(0, 3.7, "ev", 3, 1);
    IntervalCell x =
        new IntervalCell(v("imp"), null, v("buy"), null, null, null, null, null, null, ev);
    IntervalRows r = rows.withoutBattery(3, 1, 2.0, 0.5, 1.5, 0.0, x, true, true);
    assertThat(r.delta()).isNull();
    assertRow(r.need(), "need_h3_t1", -INF, 1.5);
    assertThat(r.need().getCoefficient(ev)).isEqualTo(-1);
    assertThat(rows.integerCount()).isZero();
  }

  @Test
  void withBattery_firstIntervalRelaxed_dynamicsStartsAtSoc0AndBinariesAreContinuous() {
    IntervalRows r =
        rows.withBattery(3, 0, 1.0, 3.0, BATTERY, 4.0, 1.0, batteryCell(null), BatteryRows.RELAXED);
    assertRow(r.dynamics(), "soc_h3_t0", 4.0, 4.0);
    assertThat(isInteger(r.beta())).isFalse();
    assertThat(isInteger(r.delta())).isFalse();
    assertThat(rows.integerCount()).isZero();
    // Mexp = G − L + P·Δt = 3 − 1 + 3 = 5; Mimp = max(0, 1 − 3 + 3) = 1
    assertRow(r.exportSide(), "dexp_h3_t0", -INF, 5);
    assertThat(r.importSide().getCoefficient(r.delta())).isEqualTo(-1);
  }

  @Test
  void withBattery_diagnosisWithoutOriginAndBinaries_writesBalanceAndDynamicsOnly() {
    IntervalRows r =
        rows.withBattery(
            3,
            0,
            1.0,
            3.0,
            BATTERY,
            4.0,
            1.0,
            batteryCell(null),
            new BatteryRows(false, false, false, false, false));
    assertThat(r.balance()).isNotNull();
    assertThat(r.dynamics()).isNotNull();
    assertThat(r.originBuy()).isNull();
    assertThat(r.beta()).isNull();
    assertThat(r.delta()).isNull();
    assertThat(solver.numConstraints()).isEqualTo(2);
  }

  @Test
  void withoutBattery_needAndSurplusRowsBoundDrawsAndGifts() {
    MPVariable imp = v("imp");
    MPVariable buy = v("buy");
    MPVariable exp = v("exp");
    MPVariable cur = v("cur");
    IntervalRows r =
        rows.withoutBattery(
            3,
            1,
            2.0,
            1.5,
            0.7,
            0.2,
            new IntervalCell(imp, exp, buy, null, cur, null, null, null, null, null),
            false,
            false);
    assertRow(r.balance(), "bal_h3_t1", 0.5, 0.5);
    assertRow(r.need(), "need_h3_t1", -INF, 0.7);
    assertThat(r.need().getCoefficient(imp)).isEqualTo(1);
    assertThat(r.need().getCoefficient(buy)).isEqualTo(1);
    assertRow(r.surplus(), "surplus_h3_t1", -INF, 0.2);
    assertThat(r.surplus().getCoefficient(exp)).isEqualTo(1);
    assertThat(r.surplus().getCoefficient(cur)).isEqualTo(1);
    assertThat(r.dynamics()).isNull();
  }

  @Test
  void balance_noVariableButNetLoad_failsNamingHouseholdAndInterval() {
    IntervalCell none =
        new IntervalCell(null, null, null, null, null, null, null, null, null, null);
    assertThat(rows.balance(3, 1, 1.0, 1.0, none)).isNull();
    assertThatThrownBy(() -> rows.balance(3, 1, 1.0, 0.5, none))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("household 3 at 1");
  }

  @Test
  void flowUpperKwh_consumerInPool_drawsOnlyWithinLimits() {
    double[] ub = new double[IntervalCell.FLOWS];
    DayFormulation.flowUpperKwh(ub, false, 1.2, 0, 0, true, 6, 4, 0, 0);
    assertThat(ub[IntervalCell.IMP]).isEqualTo(6);
    assertThat(ub[IntervalCell.BUY]).isEqualTo(INF);
    assertThat(ub[IntervalCell.EXP]).isNaN();
    assertThat(ub[IntervalCell.SELL]).isNaN();
    assertThat(ub[IntervalCell.CUR]).isNaN();
    assertThat(ub[IntervalCell.CH]).isNaN();
  }

  @Test
  void flowUpperKwh_batteryOutsidePoolWithoutExportLimit_noTradesNoExport() {
    double[] ub = new double[IntervalCell.FLOWS];
    DayFormulation.flowUpperKwh(ub, true, 0, 0, 2.5, false, 6, 0, 1.5, 0);
    assertThat(ub[IntervalCell.IMP]).isEqualTo(6);
    assertThat(ub[IntervalCell.BUY]).isNaN();
    assertThat(ub[IntervalCell.SELL]).isNaN();
    assertThat(ub[IntervalCell.EXP]).isNaN();
    assertThat(ub[IntervalCell.CUR]).isEqualTo(2.5);
    assertThat(ub[IntervalCell.CH]).isEqualTo(1.5);
    assertThat(ub[IntervalCell.DIS]).isEqualTo(1.5);
  }

  @Test
  void socLowerKwh_lastIntervalKeepsInitialCharge() {
    assertThat(DayFormulation.socLowerKwh(BATTERY, 4, false, true, true)).isEqualTo(1);
    assertThat(DayFormulation.socLowerKwh(BATTERY, 4, true, true, true)).isEqualTo(4);
    assertThat(DayFormulation.socLowerKwh(BATTERY, 0.5, true, true, true)).isEqualTo(1);
    assertThat(DayFormulation.socUpperKwh(BATTERY, true)).isEqualTo(10);
  }

  @Test
  void socBounds_diagnosisRelaxesBoundsOrEndOfDaySeparately() {
    assertThat(DayFormulation.socLowerKwh(BATTERY, 4, true, false, true)).isEqualTo(4);
    assertThat(DayFormulation.socLowerKwh(BATTERY, 4, false, false, true)).isEqualTo(-INF);
    assertThat(DayFormulation.socLowerKwh(BATTERY, 4, true, true, false)).isEqualTo(1);
    assertThat(DayFormulation.socUpperKwh(BATTERY, false)).isEqualTo(INF);
  }

  @Test
  void communityRows_poolPeakAndFloor() {
    MPVariable[] sell = {v("s0"), null};
    MPVariable[] buy = {null, v("b1")};
    MPConstraint pool = rows.pool(2, sell, buy);
    assertRow(pool, "pool_t2", 0, 0);
    assertThat(pool.getCoefficient(sell[0])).isEqualTo(1);
    assertThat(pool.getCoefficient(buy[1])).isEqualTo(-1);

    MPVariable peak = rows.variable(0, INF, "peak", -1, -1);
    MPVariable[] imports = {v("i0"), null, v("i2")};
    MPConstraint peakRow = rows.peak(2, peak, 0.25, imports);
    assertRow(peakRow, "peak_t2", 0, INF);
    assertThat(peakRow.getCoefficient(peak)).isEqualTo(1);
    assertThat(peakRow.getCoefficient(imports[2])).isEqualTo(-4);

    // z·max(|−2|, 0.01) + 0.3·imp − 0.05·exp + 0.2·(buy − sell) <= −2
    MPVariable z = rows.variable(-INF, INF, "z", -1, -1);
    MPVariable imp = v("imp");
    MPVariable exp = v("exp");
    MPVariable b = v("buy");
    MPVariable s = v("sell");
    MPConstraint floor =
        rows.floor(
            3,
            z,
            -2.0,
            0.01,
            new double[] {0.3},
            new double[] {0.05},
            new double[] {0.2},
            new MPVariable[] {imp},
            new MPVariable[] {exp},
            new MPVariable[] {b},
            new MPVariable[] {s});
    assertRow(floor, "floor_h3", -INF, -2.0);
    assertThat(floor.getCoefficient(z)).isEqualTo(2.0);
    assertThat(floor.getCoefficient(imp)).isEqualTo(0.3);
    assertThat(floor.getCoefficient(exp)).isEqualTo(-0.05);
    assertThat(floor.getCoefficient(b)).isEqualTo(0.2);
    assertThat(floor.getCoefficient(s)).isEqualTo(-0.2);
  }

  @Test
  void directionHull_afterBatteryRows_splitsFlowsIntoDrawingAndGivingParts() {
    IntervalCell x = batteryCell(rows.variable(0, INF, "soc", 3, 0));
    IntervalRows r = rows.withBattery(3, 1, 2.0, 0.5, BATTERY, 4.0, 1.0, x, BatteryRows.INTEGER);
    DirectionHull.write(rows, 3, 1, x, r.delta(), 2.0 - 0.5, 0.5, 3.0);
    assertThat(isInteger(r.delta())).isTrue();
    // 7 flows, soc[1], soc[0], β, δ and the hull's ch1, dis1, ch0, dis0
    assertThat(solver.numVariables()).isEqualTo(15);
    // balance, 2 origin, dynamics, 2 β, 2 δ; hull: 2 splits, 2 + 2 bounds, draw, give, curtail
    assertThat(solver.numConstraints()).isEqualTo(8 + 9);
    // L − G = 1.5: imp + buy − ch1 + dis1 − 1.5·δ = 0, exp + sell + cur + ch0 − dis0 − 1.5·δ =
    // −1.5, cur + 0.5·δ <= 0.5
    // Every row has its own name (OR-Tools' name index aborts on duplicates), so look them up.
    assertThat(solver.constraints()).extracting(MPConstraint::name).doesNotHaveDuplicates();
    MPConstraint chargeDrawing = rowByName("hdch1_h3_t1");
    assertRow(chargeDrawing, "hdch1_h3_t1", -INF, 0);
    assertThat(chargeDrawing.getCoefficient(r.delta())).isEqualTo(-3.0);
    MPConstraint dischargeGiving = rowByName("hgdis0_h3_t1");
    assertRow(dischargeGiving, "hgdis0_h3_t1", -INF, 3.0);
    assertThat(dischargeGiving.getCoefficient(r.delta())).isEqualTo(3.0);
    MPConstraint draw = rowByName("hdraw_h3_t1");
    assertRow(draw, "hdraw_h3_t1", 0, 0);
    assertThat(draw.getCoefficient(x.imp())).isEqualTo(1);
    assertThat(draw.getCoefficient(r.delta())).isEqualTo(-1.5);
    MPConstraint give = rowByName("hgive_h3_t1");
    assertRow(give, "hgive_h3_t1", -1.5, -1.5);
    assertThat(give.getCoefficient(x.sell())).isEqualTo(1);
    assertThat(give.getCoefficient(r.delta())).isEqualTo(-1.5);
    MPConstraint curtail = rowByName("hcur_h3_t1");
    assertRow(curtail, "hcur_h3_t1", -INF, 0.5);
    assertThat(curtail.getCoefficient(r.delta())).isEqualTo(0.5);
  }

  /**
   * The household LP of the decomposition ({@link HouseholdBlock}, pool closed) and the clearing's
   * LP relaxation of the household alone ({@link ClearingModel}) are assembled from the same rows,
   * so at the tariff's prices (no peak charge, which only the clearing model has) their optima are
   * equal. Each battery household of 4 seeded communities.
   */
  @Test
  void householdBlockAndClearingModel_batteryHouseholdAlone_sameOptimum() {
    int checked = 0;
    for (long seed = 11; seed < 15; seed++) {
      TradingDay random = TestDays.random(seed, 6, 24);
      Tariff tariff = random.tariff();
      TradingDay day =
          new TradingDay(
              random.dayIndex(),
              random.dayOfYear(),
              random.intervalHours(),
              random.households(),
              random.loadKwh(),
              random.pvKwh(),
              random.initialSocKwh(),
              new Tariff(
                  tariff.importPriceEurPerKwh(),
                  tariff.exportPriceEurPerKwh(),
                  0,
                  tariff.importLimitKw(),
                  tariff.exportLimitKw()));
      int intervals = day.intervals();
      double[] exportCost = new double[intervals];
      for (int t = 0; t < intervals; t++) {
        exportCost[t] = -tariff.exportPriceEurPerKwh()[t];
      }
      double[] pool = TestDays.midMarketPrices(day);
      for (int i = 0; i < day.householdCount(); i++) {
        if (!day.households().get(i).hasBattery()) {
          continue;
        }
        double blockCost;
        try (HouseholdBlock block = new HouseholdBlock(day, i)) {
          HouseholdBlock.Column column =
              block.solve(
                  new HouseholdBlock.PricingCall(
                      tariff.importPriceEurPerKwh(),
                      exportCost,
                      pool,
                      pool,
                      new boolean[intervals],
                      new byte[intervals],
                      new byte[intervals],
                      null));
          blockCost =
              column.cost(tariff.importPriceEurPerKwh(), tariff.exportPriceEurPerKwh(), pool);
        }
        MPSolver glop = MPSolver.createSolver("GLOP");
        try (ClearingModel model =
            new ClearingModel(
                ClearingRequest.costMinimising(day, new int[] {i}, pool),
                glop,
                null,
                null,
                null,
                false,
                0.01)) {
          assertThat(glop.solve()).isEqualTo(MPSolver.ResultStatus.OPTIMAL);
          assertThat(blockCost)
              .as("household %d of seed %d", i, seed)
              .isCloseTo(glop.objective().value(), within(1e-7));
        }
        checked++;
      }
    }
    assertThat(checked).isGreaterThanOrEqualTo(3);
  }

  private boolean isInteger(MPVariable variable) {
    return solver.exportModelToProto().getVariable(variable.index()).getIsInteger();
  }

  private static void assertRow(MPConstraint row, String name, double lower, double upper) {
    assertThat(row).isNotNull();
    assertThat(row.name()).isEqualTo(name);
    assertThat(row.lb()).isEqualTo(lower);
    assertThat(row.ub()).isEqualTo(upper);
  }
}
