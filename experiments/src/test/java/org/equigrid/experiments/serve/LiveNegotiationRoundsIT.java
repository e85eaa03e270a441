package org.equigrid.experiments.serve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.equigrid.config.Scenario;
import org.equigrid.experiments.cli.ScenarioOptions;
import org.equigrid.experiments.output.NegotiationCsv;
import org.equigrid.market.negotiation.NegotiationLog;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A decentralised re-run from the live view (an IT: it boots JADE, which keeps per-JVM state, so it
 * runs in a JVM of its own like every platform test): the mechanism reaches the agents and the
 * day's rounds come back in the run's JSON, the same rows as the run's {@code negotiation.csv}.
 */
class LiveNegotiationRoundsIT {

  private static final ObjectMapper MAPPER = new ObjectMapper();
  private final HttpClient http = HttpClient.newHttpClient();
  private LiveServer server;

  @TempDir Path temp;

  @AfterEach
  void stop() {
    if (server != null) {
      server.close();
    }
  }

  private JsonNode send(HttpRequest request) throws Exception {
    HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
    return MAPPER.readTree(response.body());
  }

  private URI uri(String path) {
    return URI.create("http://127.0.0.1:" + server.port() + path);
  }

  @Test
  void decomposition_oneDay_roundsInTheJsonReachTheCentralOptimum() throws Exception {
    server =
        new LiveServer(
                ScenarioOptions.resolve("quickstart"),
                Map.of("horizon.days", "1"),
                temp.resolve("work"),
                null,
                0)
            .start("127.0.0.1", 0, false);
    JsonNode scenario = send(HttpRequest.newBuilder(uri("/api/scenario")).build());
    int intervals = scenario.get("intervalsPerDay").asInt();
    int households =
        send(HttpRequest.newBuilder(uri("/api/scenario")).build()).get("households").size();
    JsonNode queued =
        send(
            HttpRequest.newBuilder(uri("/api/runs"))
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        "{\"mechanism\": \"decentralised-decomposition\"}"))
                .header("Content-Type", "application/json")
                .build());
    assertThat(queued.path("mechanism").asText()).isEqualTo("decentralised-decomposition");
    int id = queued.get("id").asInt();
    JsonNode run = queued;
    for (int i = 0;
        i < 1200 && !List.of("done", "failed").contains(run.path("state").asText());
        i++) {
      Thread.sleep(250);
      run = send(HttpRequest.newBuilder(uri("/api/runs/" + id)).build());
    }
    assertThat(run.path("state").asText())
        .as("%s%n%s", run.path("error").asText(), run.isMissingNode() ? "" : diagnosis(run))
        .isEqualTo("done");

    JsonNode rounds = run.get("negotiationRounds");
    assertThat(rounds.size()).isPositive();
    for (int r = 0; r < rounds.size(); r++) {
      JsonNode row = rounds.get(r);
      assertThat(row.get("day").asInt()).isZero();
      assertThat(row.get("round").asInt()).isEqualTo(r);
      assertThat(row.get("mechanism").asText()).isEqualTo("decomposition");
      assertThat(row.get("households").asInt()).isEqualTo(households);
      assertThat(row.get("messages").asInt()).isPositive();
      assertThat(row.get("poolPriceEurPerKwh")).hasSize(intervals);
      assertThat(row.get("payloadBytes").asLong() % NegotiationLog.BYTES_PER_NUMBER).isZero();
      // decomposition has no residuals: undefined, so null rather than NaN
      assertThat(row.get("primalResidualKwh").isNull()).isTrue();
      assertThat(row.get("centralOptimumEur").isNumber()).as(row.toString()).isTrue();
      double central = row.get("centralOptimumEur").asDouble();
      if (row.get("objectiveEur").isNull()) {
        // no objective this round (undefined): no gap either
        assertThat(row.get("gapToCentral").isNull()).as(row.toString()).isTrue();
      } else {
        double objective = row.get("objectiveEur").asDouble();
        assertThat(row.get("gapToCentral").asDouble())
            .as(row.toString())
            .isCloseTo((objective - central) / Math.max(Math.abs(central), 1.0), within(1e-12));
      }
      if (!row.get("lowerBoundEur").isNull()) {
        assertThat(row.get("lowerBoundEur").asDouble()).isLessThanOrEqualTo(central + 1e-6);
      }
    }
    JsonNode last = rounds.get(rounds.size() - 1);
    assertThat(last.get("gapToCentral").isNumber()).as(last.toString()).isTrue();
    // The decomposition stops at its certified gap, market.negotiationTolerance (default 1e-3):
    // never below the optimum, at most that far above it.
    assertThat(last.get("gapToCentral").asDouble())
        .as(last.toString())
        .isBetween(-1e-6, Scenario.NEGOTIATION_TOLERANCE);
    // ... which the last round certifies, as negotiation.csv says
    assertThat(last.get("certifiedGap").isNumber()).as(last.toString()).isTrue();
    assertThat(last.get("certifiedGap").asDouble())
        .as(last.toString())
        .isBetween(-1e-9, Scenario.NEGOTIATION_TOLERANCE);

    List<String> csv =
        Files.readAllLines(temp.resolve("work/run-" + id).resolve(NegotiationCsv.FILE_NAME));
    assertThat(csv).hasSize(rounds.size() + 1);
  }

  /**
   * What a run that did not finish was doing: its JSON (rounds left out) and the stacks of the
   * threads running project code, so that a rare hang in CI says where it hangs.
   */
  private static String diagnosis(JsonNode run) {
    StringBuilder out = new StringBuilder();
    JsonNode brief = run.deepCopy();
    if (brief instanceof com.fasterxml.jackson.databind.node.ObjectNode object) {
      object.remove("negotiationRounds");
      object.put("roundsSoFar", run.path("negotiationRounds").size());
    }
    out.append("run: ").append(brief).append(System.lineSeparator());
    for (Map.Entry<Thread, StackTraceElement[]> e : Thread.getAllStackTraces().entrySet()) {
      StackTraceElement[] stack = e.getValue();
      boolean ours = false;
      for (StackTraceElement frame : stack) {
        ours |=
            frame.getClassName().startsWith("org.equigrid")
                && !frame.getClassName().contains("Test");
      }
      if (!ours) {
        continue;
      }
      out.append("thread ")
          .append(e.getKey().getName())
          .append(" ")
          .append(e.getKey().getState())
          .append(System.lineSeparator());
      for (int f = 0; f < Math.min(12, stack.length); f++) {
        out.append("    at ").append(stack[f]).append(System.lineSeparator());
      }
    }
    return out.toString();
  }

  @Test
  void mechanisms_mapToTheModeAndNegotiationTheyName() throws Exception {
    assertThat(RunSettings.Mechanism.CENTRAL.mode().name()).isEqualTo("CENTRAL");
    assertThat(RunSettings.Mechanism.DECENTRALISED_ADMM.negotiation().key()).isEqualTo("admm");
    assertThat(RunSettings.Mechanism.DECENTRALISED_DECOMPOSITION.negotiation().key())
        .isEqualTo("decomposition");
  }
}
