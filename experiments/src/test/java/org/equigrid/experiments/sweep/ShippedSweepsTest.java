package org.equigrid.experiments.sweep;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The sweeps shipped in experiments/sweeps validate, with every run's scenario. */
class ShippedSweepsTest {

  @TempDir Path dir;

  private static SweepFile read(String name) throws SweepException {
    return SweepFile.read(
        Path.of("sweeps", name),
        base -> Path.of("../config/scenarios", base + ".yaml").toAbsolutePath().normalize());
  }

  @Test
  void paretoCostEquity_nineRunsOnTwelveHouseholdsWithAParetoFront() throws SweepException {
    SweepFile sweep = read("pareto-cost-equity.yaml");
    List<RunBatch.Job> jobs = new Sweep(sweep).jobs(dir);
    assertThat(jobs).hasSize(9);
    assertThat(jobs)
        .allSatisfy(
            j -> {
              assertThat(j.scenario().households()).hasSize(12);
              assertThat(j.scenario().days()).isEqualTo(1);
            });
    assertThat(sweep.pareto()).containsExactly("communityCostEur", "meanGiniEnergyBurdenNetPayers");
  }

  @Test
  void equityFrontier_fourRulesTimesThreeSpreadsTimesThreeStrengthsOnTheReferenceCommunity()
      throws SweepException {
    SweepFile sweep = read("equity-frontier.yaml");
    List<RunBatch.Job> jobs = new Sweep(sweep).jobs(dir);
    assertThat(jobs).hasSize(36);
    assertThat(jobs)
        .allSatisfy(
            j -> {
              assertThat(j.scenario().households()).hasSize(30);
              assertThat(j.scenario().days()).isEqualTo(1);
            });
    assertThat(jobs)
        .extracting(
            j ->
                j.scenario().settlement().rule()
                    + "/"
                    + j.scenario().settlement().rawlsianObjective())
        .containsOnly(
            "WEIGHTED_SHAPLEY/RELATIVE_SAVINGS",
            "MARKET/RELATIVE_SAVINGS",
            "RAWLSIAN/RELATIVE_SAVINGS",
            "RAWLSIAN/LARGEST_BURDEN")
        .filteredOn(r -> r.equals("RAWLSIAN/LARGEST_BURDEN"))
        .hasSize(9);
    assertThat(jobs)
        .extracting(j -> j.scenario().equity().rawlsianStrengthEur())
        .containsOnly(0.0, 2.0, 5.0);
    // weights 1 and no floor: the cost-only dispatch of S4, price of fairness 0, in the sweep
    assertThat(jobs.get(0).scenario().equity().weightOf("LOW")).isEqualTo(1.0);
    assertThat(jobs.get(0).scenario().equity().rawlsianStrengthEur()).isZero();
    assertThat(sweep.pareto())
        .containsExactly("priceOfFairnessRatioOfSums", "meanLargestEnergyBurden");
    assertThat(SweepTable.METRICS).containsAll(sweep.pareto());
  }

  @Test
  void julyTarget_sixRawlsianRunsOfSevenDays() throws SweepException {
    SweepFile sweep = read("july-target.yaml");
    List<RunBatch.Job> jobs = new Sweep(sweep).jobs(dir);
    assertThat(jobs).hasSize(6);
    assertThat(jobs)
        .allSatisfy(
            j -> {
              assertThat(j.scenario().days()).isEqualTo(7);
              assertThat(j.scenario().settlement().rule().fileName()).isEqualTo("rawlsian");
            });
    assertThat(sweep.pareto())
        .containsExactly("priceOfFairnessRatioOfSums", "meanLargestEnergyBurden");
  }

  @Test
  void population_sixRunsFromTenToTwentyHouseholds() throws SweepException {
    List<RunBatch.Job> jobs = new Sweep(read("population.yaml")).jobs(dir);
    assertThat(jobs)
        .extracting(j -> j.scenario().households().size())
        .containsExactly(10, 10, 15, 15, 20, 20);
    // 20 households (8 LOW): the solar divide gives LOW round(1.6) = 2 PV owners, the even spread
    // round(3.6) = 4.
    assertThat(
            jobs.get(4).scenario().households().stream()
                .filter(h -> h.group().equals("LOW") && h.hasPv()))
        .hasSize(2);
    assertThat(
            jobs.get(5).scenario().households().stream()
                .filter(h -> h.group().equals("LOW") && h.hasPv()))
        .hasSize(4);
  }

  @Test
  void strategies_truthfulAndThreeStrategiesTimesTwoSeeds_halfTheQuickstartDeviates()
      throws SweepException {
    SweepFile sweep = read("strategies.yaml");
    assertThat(sweep.strategic()).isTrue();
    List<RunBatch.Job> jobs = new Sweep(sweep).jobs(dir);
    assertThat(jobs).hasSize(8);
    assertThat(jobs).allSatisfy(j -> assertThat(j.scenario().days()).isEqualTo(1));
    assertThat(jobs).extracting(j -> j.deviators().size()).containsExactly(0, 0, 5, 5, 5, 5, 5, 5);
    assertThat(jobs.get(7).deviators())
        .containsOnlyKeys("h001", "h002", "h003", "h004", "h005")
        .containsValue("noisy-forecast");
  }
}
