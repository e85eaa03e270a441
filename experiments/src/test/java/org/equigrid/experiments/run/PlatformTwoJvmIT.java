package org.equigrid.experiments.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.equigrid.agents.platform.PlatformOptions;
import org.equigrid.agents.platform.RunSecret;
import org.equigrid.agents.platform.ScenarioRun;
import org.equigrid.agents.protocol.ProtocolObserver;
import org.equigrid.config.Scenario;
import org.equigrid.config.ScenarioReader;
import org.equigrid.experiments.cli.EquigridCommand;
import org.equigrid.market.day.SettledDay;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PlatformTwoJvmIT {

  @Test
  void platform_householdsThreeToFiveJoinFromASecondJvm_sameBillsAsOneJvm(@TempDir Path dir)
      throws Exception {
    Path file = AgentRunIT.quickstart();
    Scenario scenario =
        ScenarioReader.read(
            file, Map.of("community.generate.households", "5", "horizon.days", "1"));
    List<String> remoteIds = scenario.households().subList(2, 5).stream().map(h -> h.id()).toList();
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    RunSecret secret = RunSecret.generate();
    ProcessBuilder builder =
        new ProcessBuilder(
            javaBin,
            "-Xmx512m",
            "-cp",
            System.getProperty("java.class.path"),
            EquigridCommand.class.getName(),
            "platform",
            "join",
            "127.0.0.1:" + port,
            file.toString(),
            "--set",
            "community.generate.households=5",
            "--days",
            "1",
            "--households",
            "3-5",
            "--timeout-seconds",
            "600");
    builder.environment().put(RunSecret.ENVIRONMENT, secret.hex());
    Process remote =
        builder
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("remote.log").toFile())
            .start();
    ScenarioRun.Result twoJvm;
    try {
      // Generous waits: they end as soon as the households have joined, and a loaded machine can
      // take a minute to start the second JVM.
      ScenarioRun.Options options =
          AgentRunIT.central()
              .withPlatform(PlatformOptions.loopback().withPort(port).withSecret(secret))
              .withRemote(Set.copyOf(remoteIds), 300_000);
      twoJvm =
          ScenarioRun.run(
              scenario, options, ProtocolObserver.none(), platform -> {}, (p, s, seconds) -> {});
      assertThat(remote.waitFor(600, TimeUnit.SECONDS)).isTrue();
      assertThat(remote.exitValue()).as(Files.readString(dir.resolve("remote.log"))).isZero();
    } finally {
      remote.destroy();
    }
    assertThat(twoJvm.remote()).containsExactlyInAnyOrderElementsOf(remoteIds);
    SettledDay oneJvm = new ScenarioRunner(ProgressListener.silent()).run(scenario).days().get(0);
    SettledDay day = twoJvm.days().get(0);
    assertThat(day.settlement().billEur())
        .containsExactly(oneJvm.settlement().billEur(), within(1e-9));
    assertThat(day.settlement().shareEur())
        .containsExactly(oneJvm.settlement().shareEur(), within(1e-9));
    // The remote JVM printed the bills its households were told.
    String log = Files.readString(dir.resolve("remote.log"));
    for (int i = 2; i < 5; i++) {
      assertThat(log)
          .contains(
              String.format(
                  java.util.Locale.ROOT,
                  "day 0  %s  bill %.6f EUR",
                  scenario.households().get(i).id(),
                  oneJvm.settlement().billEur()[i]));
    }
  }
}
