package org.equigrid.experiments.serve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.equigrid.agents.protocol.Message;
import org.equigrid.agents.protocol.ProtocolObserver;
import org.equigrid.agents.protocol.TraceEvent;
import org.equigrid.config.Scenario;
import org.equigrid.config.ScenarioReader;
import org.equigrid.experiments.cli.ScenarioOptions;
import org.equigrid.market.negotiation.NegotiationLog;
import org.equigrid.market.negotiation.RoundRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The rounds of a decentralised run are shown while it plays: each round as soon as the coordinator
 * records it, with its day's central optimum once solved.
 */
class LiveRoundsTest {

  private static final long WAIT_SECONDS = 60;

  @TempDir Path temp;

  private static RoundRecord round(int k, double objectiveEur) {
    return new RoundRecord(
        k, new double[] {0.1, 0.2}, Double.NaN, Double.NaN, objectiveEur, Double.NaN, 0, 4, 10);
  }

  /** Waits until the day's optimum is in, or gives up saying what it saw. */
  private static List<NegotiationLog> awaitSolved(LiveRounds rounds) throws InterruptedException {
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
    List<NegotiationLog> rows = rounds.soFar();
    while (System.nanoTime() < end
        && rows.stream().anyMatch(r -> r.centralOptimumEur() != r.centralOptimumEur())) {
      Thread.sleep(10);
      rows = rounds.soFar();
    }
    return rows;
  }

  @Test
  void onRound_showsTheRoundAtOnce_theGapOnceTheDaysOptimumIsSolved() throws Exception {
    LiveRounds rounds = new LiveRounds(3);
    CountDownLatch release = new CountDownLatch(1);
    List<Integer> asked = new CopyOnWriteArrayList<>();
    rounds.optimumFrom(
        day -> {
          asked.add(day);
          try {
            release.await(WAIT_SECONDS, TimeUnit.SECONDS);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          return day == 0 ? OptionalDouble.of(-20.0) : OptionalDouble.empty();
        });
    rounds.onRound(0, "admm", round(0, -15.0));
    rounds.onRound(0, "admm", round(1, -19.0));
    List<NegotiationLog> soFar = rounds.soFar();
    assertThat(soFar).hasSize(2);
    assertThat(soFar.get(0).households()).isEqualTo(3);
    assertThat(soFar.get(0).mechanism()).isEqualTo("admm");
    assertThat(soFar.get(0).objective()).isEqualTo("cost");
    assertThat(soFar.get(1).record().round()).isEqualTo(1);
    assertThat(soFar.get(0).centralOptimumEur()).as("not solved yet: undefined").isNaN();
    assertThat(soFar.get(0).gapToCentral()).isNaN();

    release.countDown();
    List<NegotiationLog> solved = awaitSolved(rounds);
    assertThat(solved).as("rounds after the solve: %s", solved).hasSize(2);
    assertThat(solved.get(0).centralOptimumEur()).isEqualTo(-20.0);
    // (−15 − (−20)) / max(|−20|, 1) = 5 / 20
    assertThat(solved.get(0).gapToCentral()).isCloseTo(0.25, within(1e-12));
    // (−19 − (−20)) / 20
    assertThat(solved.get(1).gapToCentral()).isCloseTo(0.05, within(1e-12));

    // day 1: asked once at its first round; a market without its optimum leaves it undefined
    rounds.onRound(1, "admm", round(0, 3.0));
    rounds.onRound(1, "admm", round(1, 2.0));
    rounds.close();
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
    while (asked.size() < 2 && System.nanoTime() < end) {
      Thread.sleep(10);
    }
    assertThat(asked).as("days whose optimum was asked for").containsExactly(0, 1);
    assertThat(rounds.soFar().get(3).centralOptimumEur()).isNaN();
  }

  @Test
  void decentralisedRun_eachRoundIsInTheRunsRoundsWhileTheDayPlays() throws Exception {
    Scenario scenario =
        ScenarioReader.read(ScenarioOptions.resolve("quickstart"), Map.of("horizon.days", "1"));
    List<String> seen = new CopyOnWriteArrayList<>();
    LiveRun[] run = new LiveRun[1];
    ProtocolObserver watcher =
        new ProtocolObserver() {
          @Override
          public void onMessage(TraceEvent event, Message content) {}

          @Override
          public void onRound(int day, String mechanism, RoundRecord round) {
            // on the coordinator's thread, the round just recorded: the run already shows it
            List<NegotiationLog> rows = run[0].negotiationRounds();
            seen.add(
                run[0].state()
                    + " "
                    + rows.size()
                    + " "
                    + (rows.isEmpty() ? -1 : rows.get(rows.size() - 1).record().round())
                    + " "
                    + round.round());
          }
        };
    run[0] =
        new LiveRun(
            1,
            "test",
            new RunSettings(null, null, null, null, "decentralised-decomposition", null, null),
            scenario,
            Map.of(),
            temp.resolve("run-1"),
            watcher);
    run[0].execute();
    assertThat(run[0].state()).as(String.valueOf(run[0].error())).isEqualTo(LiveRun.State.DONE);
    assertThat(seen).isNotEmpty();
    for (int k = 0; k < seen.size(); k++) {
      assertThat(seen.get(k)).isEqualTo("RUNNING " + (k + 1) + " " + k + " " + k);
    }
    List<NegotiationLog> done = run[0].negotiationRounds();
    assertThat(done).hasSize(seen.size());
    assertThat(done.get(done.size() - 1).centralOptimumEur()).isFinite();
  }
}
