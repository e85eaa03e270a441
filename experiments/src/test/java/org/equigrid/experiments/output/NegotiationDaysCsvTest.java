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

  /** The writer as it was in agents before the move ({@code String.format} per line). */
  private static String formattedByHand(List<NegotiationGap> rows) {
    StringBuilder out =
        new StringBuilder(
            "day,mode,rounds,awardedRound,converged,communityCostEur,centralOptimumEur,optimumStatus,gapEur,"
                + "loadCostEur,gapShareOfLoadCost,certifiedGap\n");
    for (NegotiationGap r : rows) {
      out.append(
          String.format(
              Locale.ROOT,
              "%d,%s,%d,%d,%s,%.6f,%.6f,%s,%.6f,%.6f,%.6f,%s\n",
              r.day(),
              r.mode(),
              r.rounds(),
              r.awardedRound(),
              r.converged(),
              r.communityCostEur(),
              r.centralOptimumEur(),
              r.optimumStatus(),
              r.gapEur(),
              r.loadCostEur(),
              r.gapShareOfLoadCost(),
              Double.isFinite(r.certifiedGap())
                  ? String.format(Locale.ROOT, "%.6f", r.certifiedGap())
                  : ""));
    }
    return out.toString();
  }

  @Test
  void csv_seededRowsWithNegativesNanAndZeroLoad_sameBytesAsTheFormatBeforeTheMove() {
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
