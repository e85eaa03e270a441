package org.equigrid.experiments.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.equigrid.experiments.cli.EquigridCommand;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunBenchTest {

  @TempDir Path dir;

  @Test
  void benchRun_smallCommunity_writesOneRowPerSizeWithEveryPhase() throws Exception {
    int exit =
        EquigridCommand.commandLine()
            .execute(
                "bench",
                "run",
                "quickstart",
                "--households",
                "3,4",
                "--days",
                "1",
                "--out",
                dir.toString());

    assertThat(exit).isZero();
    List<String> lines = Files.readAllLines(dir.resolve(RunBench.CSV));
    assertThat(lines.get(0))
        .isEqualTo(
            "households,days,wallSeconds,secondsPerDay,profilesSeconds,clearingSeconds,"
                + "metricsSeconds,settlementSeconds,equitySeconds,explanationSeconds,writingSeconds,cpuSeconds,peakHeapMb,"
                + "loadAverageBefore,loadAverageAfter,threads,rerunDays,sampledDays,notConvergedDays,meanOrders,"
                + "maxHalfWidthShareOfGain,profilesCpuSeconds,clearingCpuSeconds,metricsCpuSeconds,"
                + "settlementCpuSeconds,equityCpuSeconds,explanationCpuSeconds,writingCpuSeconds,"
                + "otherCpuSeconds");
    assertThat(lines).hasSize(3);
    assertThat(lines.get(1)).startsWith("3,1,");
    assertThat(lines.get(2)).startsWith("4,1,");
    // The phases are parts of the wall time.
    String[] row = lines.get(2).split(",");
    double wall = Double.parseDouble(row[2]);
    double phases = 0;
    for (int k = 4; k <= 10; k++) {
      phases += Double.parseDouble(row[k]);
    }
    assertThat(phases).isPositive().isLessThanOrEqualTo(wall + 1e-3);
    // The day threads' CPU per phase and the writing's are parts of the process CPU.
    double cpu = Double.parseDouble(row[11]);
    double phasesCpu = 0;
    for (int k = 21; k <= 27; k++) {
      phasesCpu += Double.parseDouble(row[k]);
    }
    assertThat(Double.parseDouble(row[22])).as("clearing CPU").isPositive();
    assertThat(phasesCpu).isPositive().isLessThanOrEqualTo(cpu + 5e-3);
  }

  @Test
  void benchRun_badSize_isBadInput() {
    int exit =
        EquigridCommand.commandLine().execute("bench", "run", "quickstart", "--households", "0");
    assertThat(exit).isEqualTo(2);
  }
}
