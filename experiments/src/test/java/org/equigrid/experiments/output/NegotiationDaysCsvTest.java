package org.equigrid.experiments.output;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.equigrid.agents.platform.NegotiationGap;
import org.junit.jupiter.api.Test;

class NegotiationDaysCsvTest {

  @Test
  void csv_oneRow_headerAndValuesInColumnOrder() {
    String csv =
        NegotiationDaysCsv.csv(
            List.of(
                new NegotiationGap(
                    1, "decentralised", 20, 9, false, -2.5, -3.0, "OPTIMAL", 50.0, Double.NaN),
                new NegotiationGap(
                    2, "decentralised", 31, 30, true, 10.01, 10.0, "OPTIMAL", 50.0, 0.0009)));

    assertThat(csv.lines().toList())
        .containsExactly(
            "day,mode,rounds,awardedRound,converged,communityCostEur,centralOptimumEur,optimumStatus,gapEur,loadCostEur,"
                + "gapShareOfLoadCost,certifiedGap",
            "1,decentralised,20,9,false,-2.500000,-3.000000,OPTIMAL,0.500000,50.000000,0.010000,",
            "2,decentralised,31,30,true,10.010000,10.000000,OPTIMAL,0.010000,50.000000,0.000200,"
                + "0.000900");
  }

  /**
   * The writer as it was in agents before the move ({@code String.format} per line), with the
   * results files' conventions since: an undefined value is an empty cell and a value that rounds
   * to zero has no sign.
   */
  private static String formattedByHand(List<NegotiationGap> rows) {
    StringBuilder out =
        new StringBuilder(
            "day,mode,rounds,awardedRound,converged,communityCostEur,centralOptimumEur,optimumStatus,gapEur,"
                + "loadCostEur,gapShareOfLoadCost,certifiedGap\n");
    for (NegotiationGap r : rows) {
      out.append(
          String.format(
              Locale.ROOT,
              "%d,%s,%d,%d,%s,%s,%s,%s,%s,%s,%s,%s\n",
              r.day(),
              r.mode(),
              r.rounds(),
              r.awardedRound(),
              r.converged(),
              cell(r.communityCostEur()),
              cell(r.centralOptimumEur()),
              r.optimumStatus(),
              cell(r.gapEur()),
              cell(r.loadCostEur()),
              cell(r.gapShareOfLoadCost()),
              cell(r.certifiedGap())));
    }
    return out.toString();
  }

  private static String cell(double value) {
    if (Double.isNaN(value) || Double.isInfinite(value)) {
      return "";
    }
    String text = String.format(Locale.ROOT, "%.6f", value);
    return text.startsWith("-") && text.replaceAll("[-0.]", "").isEmpty()
        ? text.substring(1)
        : text;
  }

  @Test
  void csv_undefinedIsEmptyAndZeroHasNoSign() {
    String csv =
        NegotiationDaysCsv.csv(
            List.of(
                new NegotiationGap(
                    0, "decentralised", 31, 30, true, -4.5, -4.5, "OPTIMAL", 21.0, 1e-3),
                new NegotiationGap(
                    1, "decentralised", 1, 0, false, Double.NaN, -3e-9, "NONE", 20.0, Double.NaN)));
    assertThat(csv.lines().skip(1).toList())
        .containsExactly(
            "0,decentralised,31,30,true,-4.500000,-4.500000,OPTIMAL,0.000000,21.000000,0.000000,"
                + "0.001000",
            "1,decentralised,1,0,false,,0.000000,NONE,,20.000000,,");
  }

  @Test
  void csv_seededRowsWithNegativesNanAndZeroLoad_sameBytesAsFormattedByHand() {
    Random random = new Random(13);
    double[] odd = {Double.NaN, -0.0, 0.0, -1e-9, 1e9, Double.POSITIVE_INFINITY};
    List<NegotiationGap> rows = new ArrayList<>();
    for (int d = 0; d < 200; d++) {
      double cost =
          random.nextInt(4) == 0 ? odd[random.nextInt(odd.length)] : random.nextGaussian();
      double optimum = random.nextInt(4) == 0 ? Double.NaN : cost - random.nextDouble();
      double load = random.nextInt(10) == 0 ? 0.0 : 100 * random.nextDouble();
      double certified = random.nextBoolean() ? Double.NaN : random.nextDouble() * 1e-3;
      rows.add(
          new NegotiationGap(
              d,
              random.nextBoolean() ? "central" : "decentralised",
              1 + random.nextInt(50),
              random.nextInt(50),
              random.nextBoolean(),
              cost,
              optimum,
              Double.isNaN(optimum) ? "NONE" : "OPTIMAL",
              load,
              certified));
    }

    assertThat(NegotiationDaysCsv.csv(rows)).isEqualTo(formattedByHand(rows));
  }
}
