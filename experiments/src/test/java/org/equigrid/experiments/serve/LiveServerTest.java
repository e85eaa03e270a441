package org.equigrid.experiments.serve;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.equigrid.experiments.cli.ScenarioOptions;
import org.equigrid.experiments.output.NegotiationCsv;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The JSON API without running a day: status codes, validation messages, traversal, classroom
 * rights.
 */
class LiveServerTest {

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

  private void start(Path results, int classroom) throws Exception {
    server =
        new LiveServer(
                ScenarioOptions.resolve("quickstart"),
                Map.of("horizon.days", "1"),
                temp.resolve("work"),
                results,
                classroom)
            .start("127.0.0.1", 0, false);
  }

  record Answer(int status, JsonNode json) {
    String error() {
      return json.path("error").asText();
    }
  }

  private Answer get(String path, String... headers) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).GET();
    for (int i = 0; i < headers.length; i += 2) {
      request.header(headers[i], headers[i + 1]);
    }
    return send(request.build());
  }

  private Answer post(String path, String body, String... headers) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(uri(path))
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .header("Content-Type", "application/json");
    for (int i = 0; i < headers.length; i += 2) {
      request.header(headers[i], headers[i + 1]);
    }
    return send(request.build());
  }

  private URI uri(String path) {
    return URI.create("http://127.0.0.1:" + server.port() + path);
  }

  private Answer send(HttpRequest request) throws Exception {
    HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
    assertThat(response.headers().firstValue("Content-Type"))
        .hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
    return new Answer(response.statusCode(), MAPPER.readTree(response.body()));
  }

  @Test
  void scenario_listsHouseholdsGroupsAndAllowedValues() throws Exception {
    start(null, 0);
    Answer answer = get("/api/scenario");
    assertThat(answer.status()).isEqualTo(200);
    assertThat(answer.json().get("households")).hasSize(10);
    assertThat(answer.json().at("/allowed/mechanism").toString())
        .contains(
            "central",
            "decentralised-tatonnement",
            "decentralised-tatonnement-supply-demand-ratio",
            "decentralised-admm",
            "decentralised-decomposition");
    assertThat(answer.json().at("/allowed/settlementRule").toString())
        .contains("weighted-shapley", "market");
    assertThat(answer.json().at("/defaults/pricing").asText()).isEqualTo("mid-market");
  }

  @Test
  void postRun_weightOutOfRange_is400WithTheScenarioFileMessage() throws Exception {
    start(null, 0);
    Answer answer = post("/api/runs", "{\"weights\": {\"LOW\": 9}}");
    assertThat(answer.status()).isEqualTo(400);
    assertThat(answer.error()).contains("quickstart.yaml: equity.weights.LOW = 9.0", "minWeight");
    assertThat(get("/api/runs").json()).isEmpty();
  }

  @Test
  void postRun_unknownGroupAndPricing_areProblemsOfTheScenario() throws Exception {
    start(null, 0);
    Answer answer = post("/api/runs", "{\"weights\": {\"POOR\": 1.1}, \"pricing\": \"cheapest\"}");
    assertThat(answer.status()).isEqualTo(400);
    assertThat(answer.error()).contains("POOR", "cheapest");
  }

  @Test
  void postRun_unknownMechanismOrStrategy_is400NamingWhatIsAllowed() throws Exception {
    start(null, 0);
    assertThat(post("/api/runs", "{\"mechanism\": \"magic\"}").error())
        .isEqualTo(
            "mechanism 'magic' is not known. Allowed: " + RunSettings.Mechanism.keys() + ".");
    Answer old = post("/api/runs", "{\"mechanism\": \"decentralised-marginal\"}");
    assertThat(old.status()).isEqualTo(400);
    assertThat(old.error())
        .isEqualTo(
            "mechanism 'decentralised-marginal' is not known. Allowed: [central,"
                + " decentralised-tatonnement, decentralised-tatonnement-supply-demand-ratio,"
                + " decentralised-admm, decentralised-decomposition].");
    assertThat(get("/api/runs").json()).isEmpty();
    Answer strategy = post("/api/runs", "{\"strategyHousehold\": \"h001\", \"strategy\": \"lie\"}");
    assertThat(strategy.status()).isEqualTo(400);
    assertThat(strategy.error()).startsWith("strategy: unknown strategy 'lie'");
    assertThat(
            post("/api/runs", "{\"strategyHousehold\": \"h999\", \"strategy\": \"withhold\"}")
                .error())
        .startsWith("strategyHousehold 'h999': no such household");
  }

  @Test
  void postRun_pathOrYamlInAValue_isRefusedBeforeTheOverrides() throws Exception {
    start(null, 0);
    Answer group = post("/api/runs", "{\"weights\": {\"LOW.x\": 1}}");
    assertThat(group.status()).isEqualTo(400);
    assertThat(group.error()).isEqualTo("weights: group 'LOW.x' " + RunSettings.NOT_A_WORD);
    Answer yaml = post("/api/runs", "{\"settlementRule\": \"{a: b}\"}");
    assertThat(yaml.error()).isEqualTo("settlementRule '{a: b}' " + RunSettings.NOT_A_WORD);
  }

  @Test
  void postRun_unknownFieldNotJsonOrNoBody_isRefused() throws Exception {
    start(null, 0);
    Answer unknown = post("/api/runs", "{\"class\": \"java.lang.Runtime\"}");
    assertThat(unknown.status()).isEqualTo(400);
    assertThat(unknown.error()).contains("Unrecognized field \"class\"");
    assertThat(post("/api/runs", "").status()).isEqualTo(400);
    assertThat(post("/api/runs", "null").status()).isEqualTo(400);
    HttpRequest form =
        HttpRequest.newBuilder(uri("/api/runs"))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString("weights=1"))
            .build();
    Answer formAnswer = send(form);
    assertThat(formAnswer.status()).isEqualTo(415);
    assertThat(formAnswer.error()).isEqualTo(LiveServer.JSON_ONLY);
  }

  @Test
  void runs_unknownOrMalformedId() throws Exception {
    start(null, 0);
    assertThat(get("/api/runs/7").status()).isEqualTo(404);
    assertThat(get("/api/runs/abc").status()).isEqualTo(400);
    assertThat(get("/api/nothing").status()).isEqualTo(404);
  }

  @Test
  void foreignHostHeader_isRefused() throws Exception {
    start(null, 0);
    try (Socket socket = new Socket("127.0.0.1", server.port())) {
      OutputStream out = socket.getOutputStream();
      out.write(
          ("GET /api/scenario HTTP/1.1\r\nHost: attacker.example:"
                  + server.port()
                  + "\r\nConnection: close\r\n\r\n")
              .getBytes(StandardCharsets.US_ASCII));
      out.flush();
      InputStream in = socket.getInputStream();
      String response = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      assertThat(response)
          .startsWith("HTTP/1.1 403")
          .contains("is not this server's loopback name");
    }
  }

  @Test
  void page_isServedWithAContentSecurityPolicy() throws Exception {
    start(null, 0);
    HttpResponse<String> page =
        http.send(HttpRequest.newBuilder(uri("/")).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.body()).contains("equigrid live view", "/echarts.min.js");
    assertThat(page.headers().firstValue("Content-Security-Policy"))
        .hasValueSatisfying(csp -> assertThat(csp).contains("script-src 'self'"));
    HttpResponse<String> echarts =
        http.send(
            HttpRequest.newBuilder(uri("/echarts.min.js")).build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(echarts.body()).contains("echarts");
  }

  // ---- results folder

  private Path resultsFolder() throws IOException {
    Path results = Files.createDirectories(temp.resolve("results/run-a"));
    Files.writeString(
        results.resolve("households.csv"), "day,household,billEur\n0,h001,1.5\n0,h002,-0.25\n");
    Files.writeString(results.resolve("summary.json"), "{\"scenario\": \"t\", \"dayResults\": []}");
    Files.writeString(temp.resolve("secret.txt"), "outside");
    return temp.resolve("results");
  }

  private static String q(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8);
  }

  @Test
  void results_listsAndReadsFilesInside() throws Exception {
    start(resultsFolder(), 0);
    Answer list = get("/api/results");
    assertThat(list.status()).isEqualTo(200);
    assertThat(list.json().toString())
        .contains("run-a/households.csv", "run-a/summary.json")
        .doesNotContain("secret");
    Answer csv = get("/api/results/file?path=" + q("run-a/households.csv"));
    assertThat(csv.json().at("/rows/1/billEur").asText()).isEqualTo("-0.25");
    Answer view = get("/api/results/view?dir=run-a");
    assertThat(view.json().at("/households/0/household").asText()).isEqualTo("h001");
    assertThat(view.json().at("/summary/scenario").asText()).isEqualTo("t");
  }

  /** Two rounds as {@code NegotiationCsv.csv} writes them: the first without a lower bound. */
  private static final String NEGOTIATION_CSV =
      NegotiationCsv.header()
          + "0,3,decomposition,cost,0,,,12.000000,,,12.500000,10.000000,0.200000,6,144,0.100000"
          + " 0.200000\n"
          + "0,3,decomposition,cost,1,,,10.000000,9.500000,0.052632,10.000000,10.000000,0.000000,6,"
          + "144,0.150000 0.250000\n";

  @Test
  void results_view_readsNegotiationCsvIntoTheRounds() throws Exception {
    Path results = resultsFolder();
    Files.writeString(results.resolve("run-a").resolve(NegotiationCsv.FILE_NAME), NEGOTIATION_CSV);
    start(results, 0);
    Answer view = get("/api/results/view?dir=run-a");
    assertThat(view.status()).as(view.error()).isEqualTo(200);
    JsonNode rounds = view.json().get("negotiationRounds");
    assertThat(rounds).hasSize(2);
    JsonNode first = rounds.get(0);
    assertThat(first.get("day").isIntegralNumber()).isTrue();
    assertThat(first.get("round").asInt()).isZero();
    assertThat(first.get("mechanism").asText()).isEqualTo("decomposition");
    assertThat(first.get("households").asInt()).isEqualTo(3);
    assertThat(first.get("objectiveEur").asDouble()).isEqualTo(12.0);
    assertThat(first.get("lowerBoundEur").isNull()).as("an empty cell is undefined").isTrue();
    assertThat(first.get("primalResidualKwh").isNull()).isTrue();
    assertThat(first.get("gapToCentral").asDouble()).isEqualTo(0.2);
    assertThat(first.get("payloadBytes").asLong()).isEqualTo(144);
    assertThat(first.get("poolPriceEurPerKwh").toString()).isEqualTo("[0.1,0.2]");
    assertThat(rounds.get(1).get("lowerBoundEur").asDouble()).isEqualTo(9.5);
    assertThat(first.get("certifiedGap").isNull()).isTrue();
    assertThat(rounds.get(1).get("certifiedGap").asDouble()).isEqualTo(0.052632);
    // a run folder without the file: no rounds
    Files.createDirectories(results.resolve("run-b"));
    Files.writeString(results.resolve("run-b/households.csv"), "day,household,billEur\n");
    assertThat(get("/api/results/view?dir=run-b").json().get("negotiationRounds")).isEmpty();
  }

  @Test
  void results_view_negotiationCsvWithoutCertifiedGap_readsItAsUndefined() throws Exception {
    // a folder written before the column existed: the same rows without the certifiedGap cell
    Path results = resultsFolder();
    String before =
        NEGOTIATION_CSV
            .replace("lowerBoundEur,certifiedGap,", "lowerBoundEur,")
            .replace("12.000000,,,12.5", "12.000000,,12.5")
            .replace("9.500000,0.052632,", "9.500000,");
    Files.writeString(results.resolve("run-a").resolve(NegotiationCsv.FILE_NAME), before);
    start(results, 0);
    Answer view = get("/api/results/view?dir=run-a");
    assertThat(view.status()).as(view.error()).isEqualTo(200);
    JsonNode rounds = view.json().get("negotiationRounds");
    assertThat(rounds.get(1).get("certifiedGap").isNull()).isTrue();
    assertThat(rounds.get(1).get("payloadBytes").asLong()).isEqualTo(144);
    assertThat(rounds.get(1).get("lowerBoundEur").asDouble()).isEqualTo(9.5);
  }

  @Test
  void results_view_badNegotiationCell_is400NamingLineColumnAndValue() throws Exception {
    Path results = resultsFolder();
    Files.writeString(
        results.resolve("run-a").resolve(NegotiationCsv.FILE_NAME),
        NEGOTIATION_CSV.replace("12.000000,,,12.5", "twelve,,,12.5"));
    start(results, 0);
    Answer view = get("/api/results/view?dir=run-a");
    assertThat(view.status()).isEqualTo(400);
    assertThat(view.error()).contains("negotiation.csv line 2, column objectiveEur: 'twelve'");
  }

  @Test
  void results_view_negotiationCsvLinkedFromOutside_isNotRead() throws Exception {
    Path results = resultsFolder();
    Path outside = Files.writeString(temp.resolve("negotiation.csv"), NEGOTIATION_CSV);
    Files.createSymbolicLink(results.resolve("run-a").resolve(NegotiationCsv.FILE_NAME), outside);
    start(results, 0);
    Answer view = get("/api/results/view?dir=run-a");
    assertThat(view.status()).isEqualTo(200);
    assertThat(view.json().get("negotiationRounds")).isEmpty();
  }

  @Test
  void results_pathTraversal_isRefused() throws Exception {
    Path results = resultsFolder();
    Files.createSymbolicLink(results.resolve("run-a/link.txt"), temp.resolve("secret.txt"));
    Files.createSymbolicLink(results.resolve("escape"), temp);
    start(results, 0);
    for (String path :
        new String[] {
          "../secret.txt",
          "run-a/../../secret.txt",
          temp.resolve("secret.txt").toString(),
          "run-a/link.txt",
          "escape/secret.txt"
        }) {
      Answer answer = get("/api/results/file?path=" + q(path));
      assertThat(answer.status()).as(path).isEqualTo(403);
      assertThat(answer.error()).as(path).contains(ResultsFolder.OUTSIDE);
      assertThat(answer.json().toString()).doesNotContain("outside\"", "\"outside");
    }
    assertThat(get("/api/results/view?dir=" + q("..")).status()).isEqualTo(403);
    assertThat(get("/api/results/file?path=" + q("run-a/none.csv")).status()).isEqualTo(404);
  }

  @Test
  void results_withoutAFolder_is404SayingHowToOpenOne() throws Exception {
    start(null, 0);
    Answer answer = get("/api/results");
    assertThat(answer.status()).isEqualTo(404);
    assertThat(answer.error()).contains("--results DIR");
  }

  // ---- classroom

  @Test
  void classroom_aSessionActsOnlyForItsOwnHousehold() throws Exception {
    start(null, 2);
    Answer first = post("/api/classroom/claim", "{}");
    Answer second = post("/api/classroom/claim", "{\"household\": \"h005\"}");
    assertThat(first.status()).isEqualTo(200);
    assertThat(second.json().get("household").asText()).isEqualTo("h005");
    String token = first.json().get("token").asText();
    String own = first.json().get("household").asText();
    assertThat(token)
        .hasSizeGreaterThanOrEqualTo(32)
        .isNotEqualTo(second.json().get("token").asText());

    Answer other =
        post(
            "/api/classroom/bid",
            "{\"household\": \"h005\", \"loadFactor\": 1.2}",
            LiveServer.TOKEN_HEADER,
            token);
    assertThat(other.status()).isEqualTo(403);
    assertThat(other.error()).isEqualTo(String.format(Classroom.NOT_YOUR_HOUSEHOLD, own, "h005"));

    Answer stranger =
        post("/api/classroom/bid", "{\"household\": \"h005\"}", LiveServer.TOKEN_HEADER, "guess");
    assertThat(stranger.status()).isEqualTo(403);
    assertThat(stranger.error()).isEqualTo(Classroom.UNKNOWN_SESSION);
    assertThat(get("/api/classroom/me").status()).isEqualTo(403);

    Answer tooMuch =
        post(
            "/api/classroom/bid",
            "{\"household\": \"" + own + "\", \"loadFactor\": 3}",
            LiveServer.TOKEN_HEADER,
            token);
    assertThat(tooMuch.status()).isEqualTo(400);
    assertThat(tooMuch.error()).isEqualTo("loadFactor (3.0) " + StudentBid.FACTOR_RANGE);

    Answer ok =
        post(
            "/api/classroom/bid",
            "{\"household\": \""
                + own
                + "\", \"eveningLoadFactor\": 1.5,"
                + " \"offerBattery\": false}",
            LiveServer.TOKEN_HEADER,
            token);
    assertThat(ok.status()).isEqualTo(200);
    assertThat(ok.json().at("/bid/eveningLoadFactor").asDouble()).isEqualTo(1.5);
    assertThat(ok.json().at("/household/loadKwh")).hasSize(24);

    Answer full = post("/api/classroom/claim", "{}");
    assertThat(full.status()).isEqualTo(403);
    assertThat(full.error()).isEqualTo(String.format(Classroom.FULL, 2, 2));
  }

  @Test
  void classroom_onlyTheTeacherOpensBiddingOrRuns() throws Exception {
    start(null, 2);
    String student = post("/api/classroom/claim", "{}").json().get("token").asText();
    assertThat(post("/api/classroom/open", "{\"seconds\": 60}").status()).isEqualTo(403);
    assertThat(
            post("/api/classroom/open", "{\"seconds\": 60}", LiveServer.TEACHER_HEADER, student)
                .error())
        .isEqualTo(Classroom.NOT_TEACHER);
    assertThat(post("/api/classroom/close", "{}", LiveServer.TEACHER_HEADER, "x").status())
        .isEqualTo(403);
    assertThat(get("/api/classroom/teacher").status()).isEqualTo(403);
    assertThat(post("/api/runs", "{}").status()).isEqualTo(403);

    String teacher = server.teacherToken();
    assertThat(
            post("/api/classroom/open", "{\"seconds\": 1}", LiveServer.TEACHER_HEADER, teacher)
                .status())
        .isEqualTo(400);
    Answer open =
        post("/api/classroom/open", "{\"seconds\": 60}", LiveServer.TEACHER_HEADER, teacher);
    assertThat(open.status()).isEqualTo(200);
    assertThat(open.json().get("phase").asText()).isEqualTo("open");
    assertThat(open.json().get("secondsLeft").asInt()).isBetween(59, 60);
    Answer view = get("/api/classroom/teacher", LiveServer.TEACHER_HEADER, teacher);
    assertThat(view.json().get("seats")).hasSize(1);
  }

  @Test
  void notClassroom_classroomApiIs404() throws Exception {
    start(null, 0);
    assertThat(post("/api/classroom/claim", "{}").status()).isEqualTo(404);
  }
}
