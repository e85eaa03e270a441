package org.equigrid.experiments.reproduce;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.equigrid.experiments.sweep.RunSummary;
import org.junit.jupiter.api.Test;

class RuleTableTest {

  /**
   * A hand-made setting: largest burden, LOW mean burden, price of fairness, Ginis (net payers,
   * all).
   */
  private static RuleTable.Setting setting(
      String id,
      boolean reference,
      double largest,
      double lowBurden,
      double pof,
      double giniNet,
      double giniAll,
      double netPayers) {
    Map<String, Double> m = new LinkedHashMap<>();
    m.put("meanGiniEnergyBurdenNetPayers", giniNet);
    m.put("meanGiniEnergyBurden", giniAll);
    m.put("meanLargestEnergyBurden", largest);
    m.put("meanShareEnergyBurdenAbove6Percent", 0.0);
    m.put("meanShareEnergyBurdenAbove10Percent", 0.0);
    m.put("priceOfFairnessRatioOfSums", pof);
    return new RuleTable.Setting(
        id,
        id.substring(0, 2),
        "rule",
        "rules/" + id,
        reference,
        new RunSummary("x", 1, 7, 30, m),
        reference
            ? new GroupFigures(
                Set.of("LOW"), lowBurden, lowBurden * 45, netPayers, 30 - netPayers, 0.01, 0.002)
            : new GroupFigures(
                Set.of("LOW"), lowBurden, lowBurden * 45, netPayers, 30 - netPayers));
  }

  private static List<RuleTable.Setting> settings(double pofRawlsian) {
    List<RuleTable.Setting> settings = new ArrayList<>();
    settings.add(setting("S4 reference", true, 0.04, 0.008, 0, 0.23, 0.60, 20));
    settings.add(setting("S5 market", false, 0.0375, 0.006, 0.034, 0.234, 0.59, 22));
    settings.add(
        setting("S4 rawlsian largest", false, 0.0064, -0.0018, pofRawlsian, 0.30, 0.62, 14));
    settings.add(setting("S5 rawlsian savings", false, 0.01, -0.02, 0.034, 0.25, 0.61, 15));
    return settings;
  }

  @Test
  void cuts_areOneMinusTheRatioToCostOnlyShapley() {
    RuleTable table = new RuleTable(settings(0));
    RuleTable.Setting rawlsian = table.settings().get(2);
    assertThat(table.largestCut(rawlsian)).isCloseTo(1 - 0.0064 / 0.04, within(1e-12)); // 0.84
    assertThat(table.leastAdvantagedCut(rawlsian))
        .isCloseTo(1 + 0.0018 / 0.008, within(1e-12)); // 1.225
    assertThat(table.meetsTarget(rawlsian)).isTrue();
    // S5 market: largest cut 6.25 %, LOW cut 25 %: short of both
    assertThat(table.largestCut(table.settings().get(1))).isCloseTo(0.0625, within(1e-12));
    assertThat(table.meetsTarget(table.settings().get(1))).isFalse();
  }

  @Test
  void reading_namesTheCheapestSettingThatMeetsTheTargetAndItsGinis() {
    String reading = new RuleTable(settings(0)).reading();
    assertThat(reading)
        .contains(
            "Cost-only Shapley (S4) leaves a largest burden of 4.00 % of income and a LOW mean burden of 0.800 %")
        .contains(
            "**The target is met** by S4 rawlsian largest: at a price of fairness of 0.00 % of the gain it cuts the "
                + "largest burden from 4.00 % to 0.64 % (−84.0 %) and the LOW mean burden from 0.800 % to -0.180 % (−122.5 %")
        .contains("also met by S5 rawlsian savings")
        .contains(
            "Gini of burden among net payers from 0.230 to 0.300 (higher) and over all households from 0.600 to 0.620 (higher)")
        .contains(
            "net payers go from 20.0 to 14.0 households a day, so the Gini among payers is over fewer");
  }

  @Test
  void reading_aboveTheAllowedPriceTheTargetIsNotMetAndTheBestCutsAreGiven() {
    // the only settings with big cuts cost 6 % and 3.4 %; at 3.4 % S5 rawlsian still meets it
    assertThat(new RuleTable(settings(0.06)).reading())
        .contains("**The target is met** by S5 rawlsian savings");
    List<RuleTable.Setting> settings = settings(0.06);
    settings.remove(3);
    String reading = new RuleTable(settings).reading();
    assertThat(reading)
        .contains("**The target is not met** by any setting here.")
        // the bound: 1 − 0.01/0.04 = 75 %, 1 − 0.002/0.008 = 75 %: the coalition rows hold the
        // burdens up
        .contains(
            "would let its bills bring the largest burden down to 1.00 % (−75.0 %) with a LOW mean burden of 0.200 % "
                + "(−75.0 %), which meets the target.")
        .contains(
            "the largest cut of the largest burden is 6.3 % (S5 market, target 50 %) and the largest cut of the LOW "
                + "mean burden is 25.0 % (S5 market, target 30 %)");
  }

  @Test
  void minimaxBurden_waterFillsUpToIndividualRationality_handComputed() {
    // C0 = 1, 2, −0.5 EUR; y = 10, 20, 50 EUR/day; the bills must sum to 1.5 EUR. The PV owner
    // keeps
    // its credit (−0.5 < t·50), the other two share 2.0 at one burden t: 30 t = 2, t = 0.0667.
    assertThat(
            GroupFigures.minimaxBurden(new double[] {1, 2, -0.5}, new double[] {10, 20, 50}, 1.5))
        .isCloseTo(2.0 / 30, within(1e-10));
    // total = Σ C0: nobody gains; t is where the last household reaches C0 (2/20 = 1/10 = 0.1)
    assertThat(GroupFigures.minimaxBurden(new double[] {1, 2}, new double[] {10, 20}, 3))
        .isCloseTo(0.1, within(1e-9));
  }

  @Test
  void reading_whenTheCostOnlyRawlsianRuleStaysAboveTheBound_saysTheCoalitionRowsHoldItUp() {
    List<RuleTable.Setting> settings = new ArrayList<>();
    settings.add(setting("S4 reference", true, 0.04, 0.008, 0, 0.23, 0.60, 20));
    settings.add(
        setting("S4 rawlsian largest", false, 0.036, 0.0078, 0, 0.24, 0.58, 20)); // −10 %, −2.5 %
    String reading = new RuleTable(settings).reading();
    assertThat(reading)
        .contains("**The target is not met**")
        .contains(
            "which would meet the target, but its best setting here, S4 rawlsian largest, cuts the largest burden by "
                + "only 10.0 % and the LOW mean burden by 2.5 %: the rawlsian rule keeps the coalition rows");
  }

  @Test
  void undefinedPriceOfFairness_doesNotMeetTheTarget() {
    List<RuleTable.Setting> settings = settings(Double.NaN);
    RuleTable table = new RuleTable(settings);
    assertThat(table.meetsTarget(table.settings().get(2))).isFalse();
  }

  @Test
  void csv_oneRowPerSettingWithFractionsAndTheTargetFlag() {
    String csv = new RuleTable(settings(0)).csv();
    List<String> lines = csv.lines().toList();
    assertThat(lines.get(0))
        .isEqualTo(
            "setting,dispatch,rule,folder,meanGiniEnergyBurdenNetPayers,meanGiniEnergyBurden,"
                + "meanLeastAdvantagedEnergyBurden,meanLeastAdvantagedBillEur,meanLargestEnergyBurden,"
                + "meanShareEnergyBurdenAbove6Percent,meanShareEnergyBurdenAbove10Percent,priceOfFairnessRatioOfSums,"
                + "largestEnergyBurdenCut,leastAdvantagedEnergyBurdenCut,meanNetPayers,meanNegativeBurden,"
                + "boundLargestEnergyBurden,boundLeastAdvantagedEnergyBurden,coreRowsDroppedDays,meetsTarget");
    assertThat(lines).hasSize(5);
    assertThat(lines.get(3))
        .startsWith(
            "S4 rawlsian largest,S4,rule,rules/S4 rawlsian largest,0.3,0.62,-0.0018,-0.081,0.0064,0,0,0,0.84,1.225,14,16,,,0,true");
    assertThat(lines.get(1)).endsWith(",0,0,20,10,0.01,0.002,0,false");
  }

  @Test
  void markdown_marksTheReferenceAndTheSettingsThatMeetTheTarget() {
    String md = new RuleTable(settings(0)).markdown();
    assertThat(md).contains("| S4 reference |").contains("| reference |").contains("| **met** |");
  }
}
