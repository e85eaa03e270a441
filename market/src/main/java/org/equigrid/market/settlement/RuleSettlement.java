package org.equigrid.market.settlement;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.equigrid.market.clearing.ClearedDay;
import org.equigrid.market.clearing.ClearingResult;
import org.equigrid.market.clearing.HouseholdSchedule;
import org.equigrid.market.model.Household;
import org.equigrid.market.settlement.DaySettlement.Counterfactual;
import org.equigrid.market.settlement.DaySettlement.Stability;
import org.equigrid.market.settlement.RuleInput.CoalitionRow;

/**
 * A settled day under a settlement rule (DESIGN.md section 3b), around the rules themselves: the
 * rule's {@link RuleInput} from a cleared day, the coalition rows it may use, and the day's {@link
 * DaySettlement} rebuilt from the rule's bills (shares {@code φ_i = C0_i − B_i}).
 */
final class RuleSettlement {

  private static final Logger LOG = LogManager.getLogger();

  private RuleSettlement() {}

  /**
   * The day under the scenario's settlement rule (DESIGN.md section 3b), from its (weighted)
   * Shapley settlement: the Shapley rules keep its bills; the others replace bills and shares, redo
   * the core check on the new shares ({@code check}; not checked when null) and leave the
   * counterfactual shares undefined (NaN: they are the Shapley value's, not the rule's).
   *
   * @param settings the scenario's rule
   * @param epsilonEur {@code ε} of the relative savings {@code max(|C0_i|, ε)}
   * @param rows the coalitions evaluated, for the Rawlsian LP
   * @param exact whether the Shapley value is exact (the Rawlsian bills then have no sampling
   *     error)
   */
  static DaySettlement apply(
      SettlementSettings settings,
      double epsilonEur,
      ClearedDay cleared,
      DaySettlement shapley,
      List<CoalitionRow> rows,
      Function<double[], Stability> check,
      boolean exact) {
    SettlementRule rule = SettlementRule.of(settings);
    SettlementRule.Bills bills = rule.bills(input(cleared, epsilonEur, shapley.billEur(), rows));
    if (rule instanceof ShapleyRule || bills.outcome().fellBack()) {
      if (bills.outcome().fellBack()) {
        LOG.debug(
            "day {}: settlement rule {}: {}",
            cleared.day().dayIndex(),
            bills.outcome().rule(),
            bills.outcome().note());
      }
      return shapley.withRule(
          shapley.shareEur(),
          shapley.standardErrorEur(),
          shapley.billEur(),
          shapley.stability(),
          shapley.counterfactuals(),
          bills.outcome(),
          true);
    }
    if (!bills.outcome().note().isEmpty()) {
      LOG.debug(
          "day {}: settlement rule {}: {}",
          cleared.day().dayIndex(),
          bills.outcome().rule(),
          bills.outcome().note());
    }
    int n = bills.billEur().length;
    double[] shares = new double[n];
    double[] standardErrors = new double[n];
    for (int i = 0; i < n; i++) {
      shares[i] = cleared.standaloneCostEur(i) - bills.billEur()[i];
      standardErrors[i] = rule instanceof RawlsianRule && !exact ? Double.NaN : 0.0;
    }
    Stability stability =
        check == null
            ? new Stability("not checked", 0, true, "", Double.NaN, Double.NaN)
            : check.apply(shares);
    Counterfactual undefined =
        new Counterfactual(Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
    // the market rule does not start from the Shapley shares: their half-width says nothing of it
    return shapley.withRule(
        shares,
        standardErrors,
        bills.billEur(),
        stability,
        java.util.Collections.nCopies(n, undefined),
        bills.outcome(),
        !(rule instanceof MarketRule));
  }

  /** {@link Settlement#byRule}: the rule without the core check or counterfactuals. */
  static DaySettlement byRule(
      SettlementSettings settings,
      ClearedDay cleared,
      double epsilonEur,
      String method,
      double[] lambda,
      double[] shapleyBillEur,
      Map<BitSet, Double> evaluated) {
    if (cleared.degraded()) {
      throw new IllegalArgumentException(
          "day " + cleared.day().dayIndex() + " is degraded; settle it with none()");
    }
    int n = cleared.day().householdCount();
    if (shapleyBillEur == null && settings.rule() != SettlementSettings.Rule.MARKET) {
      throw new IllegalArgumentException(
          "the "
              + settings.rule().fileName()
              + " rule needs the Shapley bills; only market settles without them");
    }
    List<CoalitionRow> rows = coalitionRows(n, evaluated);
    double grand = cleared.dispatchGainEur();
    SettlementRule.Bills bills =
        SettlementRule.of(settings).bills(input(cleared, epsilonEur, shapleyBillEur, rows));
    double[] shares = new double[n];
    for (int i = 0; i < n; i++) {
      shares[i] = cleared.standaloneCostEur(i) - bills.billEur()[i];
    }
    return new DaySettlement(
        method,
        grand,
        shares,
        new double[n],
        bills.billEur().clone(),
        lambda.clone(),
        0,
        true,
        new Stability("not checked", 0, true, "", Double.NaN, Double.NaN),
        0,
        0,
        List.of(),
        0,
        bills.outcome());
  }

  /**
   * The coalition rows {@code (S, v(S))} of the Rawlsian LP and the core checks: every coalition of
   * {@code values} with {@code 2 <= |S| < n} (the others' rows are implied: {@code v(S) = 0} for
   * {@code |S| <= 1}, and {@code S = N} is budget balance), in the map's order. The one place every
   * source of rows (the exact table, the sampled walks' values, a caller's map) goes through.
   */
  static List<CoalitionRow> coalitionRows(int n, Map<BitSet, Double> values) {
    List<CoalitionRow> rows = new ArrayList<>();
    values.forEach(
        (coalition, value) -> {
          int size = coalition.cardinality();
          if (size >= 2 && size < n) {
            rows.add(new CoalitionRow(coalition.stream().toArray(), value));
          }
        });
    return rows;
  }

  /** The rule's input on a cleared (not degraded) day. */
  static RuleInput input(
      ClearedDay cleared, double epsilonEur, double[] shapleyBillEur, List<CoalitionRow> rows) {
    int n = cleared.day().householdCount();
    ClearingResult dispatch = cleared.dispatch();
    double[] standalone = new double[n];
    double[] energy = new double[n];
    double[] income = new double[n];
    boolean[] protectedHousehold = new boolean[n];
    for (int i = 0; i < n; i++) {
      Household household = cleared.day().households().get(i);
      standalone[i] = cleared.standaloneCostEur(i);
      income[i] = household.dailyIncomeEur();
      protectedHousehold[i] = cleared.equity().isProtected(household.group());
    }
    for (HouseholdSchedule schedule : dispatch.schedules()) {
      energy[schedule.householdIndex()] = schedule.energyCostEur();
    }
    return new RuleInput(
        standalone,
        energy,
        cleared.peakChargeShareEur(),
        dispatch.totalCostEur(),
        income,
        protectedHousehold,
        epsilonEur,
        shapleyBillEur,
        rows);
  }
}
