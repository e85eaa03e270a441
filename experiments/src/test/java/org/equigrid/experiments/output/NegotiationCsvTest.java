package org.equigrid.experiments.output;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.stream.Collectors;
import org.equigrid.market.negotiation.NegotiationLog;
import org.equigrid.market.negotiation.RoundRecord;
import org.junit.jupiter.api.Test;

class NegotiationCsvTest {

  @Test
  void csv_oneRound_gapAndBytesFromTheRecord() {
    RoundRecord round =
        new RoundRecord(
            3, new double[] {0.2, 0.25}, 0.5, Double.NaN, 10.5, Double.NaN, 10.0, 20, 100);
    String csv =
        NegotiationCsv.csv(List.of(new NegotiationLog(0, 10, "admm", "cost", round, 10.0)));
    assertThat(csv.lines().toList())
        .containsExactly(
            "day,households,mechanism,objective,round,primalResidualKwh,dualResidualEurPerKwh,objectiveEur,lowerBoundEur,"
                + "certifiedGap,communityCostEur,centralOptimumEur,gapToCentral,messages,payloadBytes,poolPriceEurPerKwh",
            // gap (10.5 − 10) / 10 = 0.05; 100 numbers of 8 bytes; no bound: no certified gap
            "0,10,admm,cost,3,0.500000,,10.500000,,,10.000000,10.000000,0.050000,20,800,0.200000 0.250000");
    assertThat(csv).startsWith(NegotiationCsv.header()).doesNotContain("\r");
  }

  @Test
  void csv_decompositionRound_certifiedGapFromBothBounds() {
    RoundRecord round =
        new RoundRecord(7, new double[] {0.1}, Double.NaN, Double.NaN, 10.01, 10.0, 9.9, 4, 10);
    String csv =
        NegotiationCsv.csv(
            List.of(new NegotiationLog(0, 2, "decomposition", "cost", round, 10.005)));
    // (10.01 − 10.0) / min(10.0, 10.01) = 0.001
    assertThat(csv.lines().toList().get(1))
        .isEqualTo(
            "0,2,decomposition,cost,7,,,10.010000,10.000000,0.001000,9.900000,10.005000,0.000500,4,80,0.100000");
  }

  @Test
  void csv_undefinedRound_everyValueEmptyButThePrices() {
    RoundRecord round = RoundRecord.undefined(4, new double[] {0.2, 0.3});
    String csv =
        NegotiationCsv.csv(List.of(new NegotiationLog(1, 3, "tatonnement", "cost", round, 10.0)));
    assertThat(csv.lines().toList().get(1))
        .isEqualTo("1,3,tatonnement,cost,4,,,,,,,10.000000,,0,0,0.200000 0.300000");
  }

  /**
   * The writer as it was in market's NegotiationLog before the move ({@code String.format}), with a
   * value that rounds to zero written without its sign since.
   */
  private static String formattedByHand(List<NegotiationLog> rows) {
    StringBuilder out =
        new StringBuilder(
            "day,households,mechanism,objective,round,primalResidualKwh,dualResidualEurPerKwh,"
                + "objectiveEur,lowerBoundEur,certifiedGap,communityCostEur,centralOptimumEur,"
                + "gapToCentral,messages,payloadBytes,poolPriceEurPerKwh\n");
    for (NegotiationLog r : rows) {
      RoundRecord x = r.record();
      String prices =
          java.util.Arrays.stream(x.poolPriceEurPerKwh())
              .mapToObj(p -> Double.isFinite(p) ? num(p) : String.valueOf(p))
              .collect(Collectors.joining(" "));
      out.append(
          String.format(
              Locale.ROOT,
              "%d,%d,%s,%s,%d,%s,%s,%s,%s,%s,%s,%s,%s,%d,%d,%s\n",
              r.day(),
              r.households(),
              r.mechanism(),
              r.objective(),
              x.round(),
              num(x.primalResidualKwh()),
              num(x.dualResidualEurPerKwh()),
              num(x.objectiveEur()),
              num(x.lowerBoundEur()),
              num(x.certifiedGap()),
              num(x.communityCostEur()),
              num(r.centralOptimumEur()),
              num(r.gapToCentral()),
              x.messages(),
              x.payloadNumbers() * 8,
              prices));
    }
    return out.toString();
  }

  private static String num(double value) {
    if (!Double.isFinite(value)) {
      return "";
    }
    String text = String.format(Locale.ROOT, "%.6f", value);
    return text.startsWith("-") && text.replaceAll("[-0.]", "").isEmpty()
        ? text.substring(1)
        : text;
  }

  @Test
  void csv_aValueThatRoundsToZeroHasNoSign() {
    RoundRecord x =
        new RoundRecord(2, new double[] {-0.0, -1e-9}, -0.0, Double.NaN, -2e-7, 3.0, 3.0, 4, 10);
    String row =
        NegotiationCsv.csv(List.of(new NegotiationLog(0, 5, "admm", "cost", x, 3.0)))
            .lines()
            .toList()
            .get(1);
    assertThat(row).doesNotContain("-0.000000").contains("0.000000 0.000000");
  }

  @Test
  void csv_seededRoundsWithNanSignedZerosInfinitiesAndNoBound_sameBytesAsFormattedByHand() {
    Random random = new Random(17);
    double[] odd = {
      Double.NaN, -0.0, 0.0, -1e-9, 1e9, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY
    };
    String[] mechanisms = {"tatonnement", "admm", "decomposition"};
    List<NegotiationLog> rows = new ArrayList<>();
    int emptyCertified = 0;
    for (int k = 0; k < 300; k++) {
      double[] value = new double[6];
      for (int j = 0; j < value.length; j++) {
        value[j] =
            random.nextInt(4) == 0 ? odd[random.nextInt(odd.length)] : 20 * random.nextGaussian();
      }
      double[] prices = new double[random.nextInt(4)];
      for (int t = 0; t < prices.length; t++) {
        prices[t] = random.nextInt(6) == 0 ? odd[random.nextInt(odd.length)] : random.nextDouble();
      }
      RoundRecord round =
          new RoundRecord(
              random.nextInt(60),
              prices,
              value[0],
              value[1],
              value[2],
              random.nextBoolean() ? Double.NaN : value[3],
              value[4],
              random.nextInt(200),
              random.nextInt(10_000));
      if (!Double.isFinite(round.certifiedGap())) {
        emptyCertified++;
      }
      rows.add(
          new NegotiationLog(
              random.nextInt(365),
              1 + random.nextInt(100),
              mechanisms[random.nextInt(mechanisms.length)],
              random.nextBoolean() ? "cost" : "weighted",
              round,
              value[5]));
    }

    assertThat(emptyCertified).as("rows with an empty certifiedGap").isBetween(1, 299);
    assertThat(NegotiationCsv.csv(rows)).isEqualTo(formattedByHand(rows));
  }
}
