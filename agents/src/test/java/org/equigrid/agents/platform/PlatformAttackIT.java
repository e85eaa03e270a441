package org.equigrid.agents.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jade.imtp.leap.JICP.JICPAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.equigrid.agents.coordinator.CoordinatorAgent;
import org.equigrid.agents.coordinator.CoordinatorSettings;
import org.equigrid.agents.coordinator.DayResult;
import org.equigrid.agents.coordinator.MarketMode;
import org.equigrid.agents.protocol.MessageAuth;
import org.equigrid.agents.protocol.ProtocolObserver;
import org.equigrid.config.Scenario;
import org.equigrid.market.settlement.SettlementOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The platform under attack over loopback: a second JVM hosts three honest households and, holding
 * the run secret, tries what a hostile member could; this JVM connects with a wrong secret and
 * sends a 900 MB frame header. Every attack is refused with its reason, the market is never
 * stopped, and the honest households' outcomes are exactly those of the same run without the
 * attacker.
 */
class PlatformAttackIT {

  private static Path quickstart() {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      Path file = dir.resolve("config/scenarios/quickstart.yaml");
      if (Files.exists(file)) {
        return file;
      }
    }
    throw new IllegalStateException("config/scenarios/quickstart.yaml not found");
  }

  private static ScenarioRun.Options options(RunSecret secret, Set<String> remote) {
    return new ScenarioRun.Options(
        CoordinatorSettings.defaults(MarketMode.CENTRAL).withReplyTimeoutMillis(20_000),
        new PlatformOptions("127.0.0.1", 0, "equigrid", 60_000, 600_000, secret),
        SettlementOptions.defaults(),
        Map.of(),
        remote,
        60_000);
  }

  /** Every household's outcome of a day, as exact decimal text of the doubles. */
  private static Map<String, String> outcomes(DayResult day) {
    Map<String, String> text = new TreeMap<>();
    day.settled()
        .forEach(
            (id, o) ->
                text.put(
                    id,
                    String.format(
                        Locale.ROOT,
                        "energy %s standalone %s share %s bill %s",
                        Double.toString(o.energyCostEur()),
                        Double.toString(o.standaloneCostEur()),
                        Double.toString(o.shareEur()),
                        Double.toString(o.billEur()))));
    return text;
  }

  /**
   * A connection with another secret, and one that sends a 900 MB frame header, are cut at the
   * handshake.
   */
  private static void transportRefusesStrangers(String host, int port) {
    assertThatThrownBy(
            () ->
                new AuthenticatedJicpPeer.Guarded(
                    new JICPAddress(host, Integer.toString(port), null, null),
                    RunSecret.generate()))
        .isInstanceOf(java.io.IOException.class)
        .hasMessageContaining("does not know this run's secret");
    try (Socket socket = new Socket(host, port)) {
      socket.setSoTimeout(15_000);
      // A JICP command packet whose header announces 900,000,000 data bytes.
      socket
          .getOutputStream()
          .write(new byte[] {0, 8, 0x00, (byte) 0xe9, (byte) 0xa4, (byte) 0x35});
      socket.getOutputStream().flush();
      assertThat(socket.getInputStream().read())
          .as("the main hangs up without an answer")
          .isEqualTo(-1);
    } catch (java.io.IOException e) {
      assertThat(e).as("cut by the main").isInstanceOf(java.net.SocketException.class);
    }
  }

  @Test
  void attacker_everyAttackRefused_honestOutcomesAsWithoutIt(@TempDir Path dir) throws Exception {
    Path file = quickstart();
    Scenario scenario = AttackMain.scenario(file);
    RunSecret secret = RunSecret.generate();
    Path log = dir.resolve("attacker.log");
    AtomicReference<Process> attacker = new AtomicReference<>();
    ScenarioRun.Result attacked;
    try {
      attacked =
          ScenarioRun.run(
              scenario,
              options(secret, Set.copyOf(AttackMain.HONEST)),
              ProtocolObserver.none(),
              platform -> {
                String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
                ProcessBuilder builder =
                    new ProcessBuilder(
                        java,
                        "-Xmx256m",
                        "-cp",
                        System.getProperty("java.class.path"),
                        AttackMain.class.getName(),
                        platform.host(),
                        Integer.toString(platform.port()),
                        file.toString());
                builder.environment().put(RunSecret.ENVIRONMENT, secret.hex());
                try {
                  attacker.set(
                      builder.redirectErrorStream(true).redirectOutput(log.toFile()).start());
                } catch (java.io.IOException e) {
                  throw new java.io.UncheckedIOException(e);
                }
                transportRefusesStrangers(platform.host(), platform.port());
              },
              (protocol, settled, seconds) -> {});
      assertThat(attacker.get().waitFor(60, TimeUnit.SECONDS))
          .as("attacker JVM ends; log:%n%s", Files.readString(log))
          .isTrue();
    } finally {
      if (attacker.get() != null) {
        attacker.get().destroyForcibly();
      }
    }
    String said = Files.readString(log);
    // The run without the attacker comes second: JADE's per-JVM dispatcher does not let a
    // peripheral container reach a second main container booted in the same JVM.
    ScenarioRun.Result baseline =
        ScenarioRun.run(
            scenario,
            options(RunSecret.generate(), Set.of()),
            ProtocolObserver.none(),
            platform -> {},
            (protocol, settled, seconds) -> {});

    assertThat(attacker.get().exitValue())
        .as("honest remote households got their bills; log:%n%s", said)
        .isZero();
    assertThat(attacked.remote()).containsExactlyInAnyOrderElementsOf(AttackMain.HONEST);
    DayResult day = attacked.protocol().get(0);
    assertThat(day.standalone()).as("nobody standalone, the market did not fail").isEmpty();
    assertThat(outcomes(day)).isEqualTo(outcomes(baseline.protocol().get(0)));
    assertThat(day.strategyByHousehold()).doesNotContainValue("forged");

    assertThat(said).contains("REFUSE join-ghost " + ScenarioAgents.UNKNOWN_HOUSEHOLD + ": ghost");
    assertThat(said)
        .contains(
            "REFUSE join-taken The household id is already registered by another agent: h002");
    assertThat(said)
        .contains("REFUSE join-group " + ScenarioAgents.OTHER_ATTRIBUTES + " h003: group NOBODY");
    assertThat(said)
        .contains(
            "REFUSE join-ev "
                + ScenarioAgents.OTHER_ATTRIBUTES
                + " h002: ev {energyKwh 40.0, maxPowerKw 11.0, arrivalHour 0, departureHour 23},"
                + " expected none");
    assertThat(said).contains("REFUSE join-scenario " + CoordinatorAgent.OTHER_SCENARIO);
    assertThat(said).contains("REFUSE join-key " + MessageAuth.NOT_AUTHENTIC);
    assertThat(attacked.refusedJoins()).containsKeys("ghost", "h002", "h003", "h001");
  }
}
