package org.equigrid.agents.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.equigrid.agents.coordinator.CoordinatorSettings;
import org.equigrid.agents.coordinator.DayResult;
import org.equigrid.agents.coordinator.GridOnlyMarket;
import org.equigrid.agents.coordinator.MarketMode;
import org.equigrid.agents.household.HouseholdScheduler;
import org.equigrid.agents.protocol.ProtocolObserver;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TwoJvmIT {

  @Test
  void join_householdsInASecondJvm_bidAndGetSettledOverLoopback(@TempDir Path dir)
      throws Exception {
    CoordinatorSettings settings =
        CoordinatorSettings.defaults(MarketMode.CENTRAL).withReplyTimeoutMillis(20_000);
    RunSecret secret = RunSecret.generate();
    try (AgentPlatform platform =
        AgentPlatform.boot(
            PlatformOptions.loopback().withSecret(secret),
            settings,
            Community::terms,
            new GridOnlyMarket(),
            ProtocolObserver.none(),
            HouseholdScheduler.standard())) {
      platform.addHouseholds(Community.five(1).subList(0, 2));
      String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
      ProcessBuilder builder =
          new ProcessBuilder(
              java,
              "-Xmx256m",
              "-cp",
              System.getProperty("java.class.path"),
              JoinMain.class.getName(),
              platform.host(),
              Integer.toString(platform.port()),
              "r1",
              "r2");
      builder.environment().put(RunSecret.ENVIRONMENT, secret.hex());
      Process remote =
          builder
              .redirectErrorStream(true)
              .redirectOutput(dir.resolve("remote.log").toFile())
              .start();
      try {
        try {
          platform.awaitParticipants(4);
        } catch (IllegalStateException e) {
          remote.destroy();
          remote.waitFor(10, TimeUnit.SECONDS);
          throw new AssertionError(
              e.getMessage() + "\nremote JVM log:\n" + Files.readString(dir.resolve("remote.log")),
              e);
        }
        DayResult day = platform.runDay(0);

        assertThat(day.settled()).containsOnlyKeys("h1", "h2", "r1", "r2");
        assertThat(day.settled().get("r1").billEur())
            .isCloseTo(Community.flatLoadGridBill(), within(1e-9));
        assertThat(remote.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(remote.exitValue()).as("remote JVM got its settlements").isZero();
      } finally {
        remote.destroy();
      }
    }
  }
}
