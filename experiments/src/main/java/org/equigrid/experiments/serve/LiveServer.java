package org.equigrid.experiments.serve;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.equigrid.agents.household.BiddingStrategy;
import org.equigrid.agents.platform.ScenarioAgents;
import org.equigrid.config.Scenario;
import org.equigrid.config.ScenarioException;
import org.equigrid.config.ScenarioReader;
import org.equigrid.experiments.output.ResultsWriter;
import org.equigrid.experiments.run.ProgressListener;
import org.equigrid.experiments.run.ScenarioRunner;
import org.equigrid.market.clearing.PricingRule;
import org.equigrid.market.model.Household;
import org.equigrid.market.negotiation.NegotiationLog;
import org.equigrid.market.negotiation.RoundRecord;
import org.equigrid.market.settlement.SettlementOptions;
import org.equigrid.market.settlement.SettlementSettings;

/**
 * The live view's web server: the page, ECharts, and a JSON API over runs, a results folder and the
 * classroom. Runs go one at a time through one worker thread (JADE keeps per-JVM state).
 *
 * <p>Safe by default: the caller binds loopback unless told otherwise; a request whose {@code Host}
 * is not the bound name is refused (no DNS rebinding); a POST must be {@code application/json} (a
 * cross-site form cannot send it without a preflight, which is never granted); request bodies are
 * bound to records with unknown fields refused, never Java deserialisation; every answer is JSON
 * with {@code nosniff}; the page has a strict content security policy.
 */
public final class LiveServer implements AutoCloseable {

  private static final Logger LOG = LogManager.getLogger();

  static final String TOKEN_HEADER = "X-Session-Token";
  static final String TEACHER_HEADER = "X-Teacher-Token";
  static final String JSON_ONLY = "a POST must send Content-Type: application/json";
  static final String RUN_UNDER_WAY = "run %d is still under way; wait for it to finish";

  /** Runs kept; older ones are forgotten (their folders stay in the work folder). */
  static final int MAX_RUNS = 20;

  private static final String RESOURCES = "/org/equigrid/experiments/serve/";
  private static final String ECHARTS =
      "/META-INF/resources/webjars/echarts/5.3.1/dist/echarts.min.js";
  private static final Map<String, String> PAGES =
      Map.of(
          "/",
          "live.html",
          "/live.js",
          "live.js",
          "/live.css",
          "live.css",
          "/classroom",
          "classroom.html",
          "/classroom.js",
          "classroom.js");

  private final ObjectMapper mapper =
      JsonMapper.builder()
          .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
          .build();
  private final Path scenarioFile;
  private final Map<String, String> baseOverrides;
  private final Scenario base;
  private final Path workDir;
  private final ResultsFolder results;
  private final Classroom classroom;
  private final ExecutorService worker =
      Executors.newSingleThreadExecutor(
          r -> {
            Thread t = new Thread(r, "equigrid-live-run");
            t.setDaemon(true);
            return t;
          });
  private final ScheduledExecutorService clock =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread t = new Thread(r, "equigrid-classroom-clock");
            t.setDaemon(true);
            return t;
          });
  private final Map<Integer, LiveRun> runs = new LinkedHashMap<>();
  private int nextId = 1;
  private Javalin app;
  private Set<String> allowedHosts;

  /**
   * @param scenarioFile the scenario file
   * @param baseOverrides overrides of every run (the command line's {@code --days}, {@code --set})
   * @param workDir where each run writes its results folder
   * @param resultsDir a results folder to browse, or null
   * @param classroomSeats seats of the classroom, 0 for none
   */
  public LiveServer(
      Path scenarioFile,
      Map<String, String> baseOverrides,
      Path workDir,
      Path resultsDir,
      int classroomSeats)
      throws ScenarioException, IOException {
    this.scenarioFile = scenarioFile;
    this.baseOverrides = Map.copyOf(baseOverrides);
    this.base = ScenarioReader.read(scenarioFile, baseOverrides);
    this.workDir = workDir;
    Files.createDirectories(workDir);
    this.results = resultsDir == null ? null : new ResultsFolder(resultsDir, mapper);
    this.classroom = classroomSeats > 0 ? new Classroom(base, classroomSeats) : null;
  }

  /** Starts listening on {@code host:port} (0: a free port) and the first run of the scenario. */
  public LiveServer start(String host, int port) {
    return start(host, port, true, null);
  }

  /** {@link #start(String, int)}, over HTTPS only when {@code tls} is given. */
  LiveServer start(String host, int port, TlsKeystore tls) {
    return start(host, port, true, tls);
  }

  /**
   * {@link #start(String, int)}; without {@code firstRun} nothing runs until a request asks
   * (tests).
   */
  LiveServer start(String host, int port, boolean firstRun) {
    return start(host, port, firstRun, null);
  }

  /**
   * @param tls null: plain HTTP; else HTTPS only (no plain HTTP connector)
   */
  LiveServer start(String host, int port, boolean firstRun, TlsKeystore tls) {
    allowedHosts = allowedHosts(host);
    app =
        Javalin.create(
                config -> {
                  if (tls != null) {
                    // Javalin adds its plain HTTP connector only when none is added.
                    config.jetty.addConnector(
                        (server, http) -> tls.connector(server, http, host, port));
                  }
                  config.startup.showJavalinBanner = false;
                  config.startup.showOldJavalinVersionWarning = false;
                  config.http.maxRequestSize = 64 * 1024;
                  config.routes.before(this::guard);
                  PAGES.forEach(
                      (path, file) ->
                          config.routes.get(path, ctx -> resource(ctx, RESOURCES + file)));
                  config.routes.get("/echarts.min.js", ctx -> resource(ctx, ECHARTS));
                  config.routes.get("/api/scenario", ctx -> json(ctx, scenarioView()));
                  config.routes.get("/api/runs", ctx -> json(ctx, runsView()));
                  config.routes.post("/api/runs", this::postRun);
                  config.routes.get(
                      "/api/runs/{id}",
                      ctx ->
                          json(
                              ctx,
                              status(
                                  run(ctx), intParam(ctx, "roundsFrom", 0, 0, Integer.MAX_VALUE))));
                  config.routes.get("/api/runs/{id}/messages", this::messages);
                  config.routes.get(
                      "/api/runs/{id}/results", ctx -> json(ctx, runResults(run(ctx))));
                  config.routes.get("/api/runs/{id}/households/{household}", this::household);
                  config.routes.get("/api/results", ctx -> json(ctx, requireResults().list()));
                  config.routes.get(
                      "/api/results/file",
                      ctx -> json(ctx, requireResults().read(ctx.queryParam("path"))));
                  config.routes.get(
                      "/api/results/view",
                      ctx -> json(ctx, requireResults().view(ctx.queryParam("dir"))));
                  config.routes.get(
                      "/api/classroom", ctx -> json(ctx, requireClassroom().state(now(), mapper)));
                  config.routes.post("/api/classroom/claim", this::claim);
                  config.routes.get(
                      "/api/classroom/me",
                      ctx ->
                          json(
                              ctx,
                              requireClassroom()
                                  .studentView(ctx.header(TOKEN_HEADER), now(), mapper)));
                  config.routes.post("/api/classroom/bid", this::bid);
                  config.routes.get(
                      "/api/classroom/teacher",
                      ctx -> {
                        requireClassroom().requireTeacher(ctx.header(TEACHER_HEADER));
                        json(ctx, classroom.teacherView(now(), mapper));
                      });
                  config.routes.post("/api/classroom/open", this::openBidding);
                  config.routes.post(
                      "/api/classroom/close",
                      ctx -> {
                        requireClassroom().requireTeacher(ctx.header(TEACHER_HEADER));
                        closeBidding();
                        json(ctx, classroom.state(now(), mapper));
                      });
                  config.routes.exception(
                      ApiException.class, (e, ctx) -> error(ctx, e.status(), e.getMessage()));
                  config.routes.exception(
                      JsonProcessingException.class,
                      (e, ctx) ->
                          error(
                              ctx,
                              400,
                              "the request body is not valid here: " + e.getOriginalMessage()));
                  config.routes.exception(
                      Exception.class,
                      (e, ctx) -> {
                        LOG.error("live view: {} {}", ctx.method(), ctx.path(), e);
                        error(ctx, 500, "internal error: " + e);
                      });
                  config.routes.error(
                      404,
                      ctx -> {
                        String type = ctx.res().getContentType();
                        if (type == null || !type.startsWith("application/json")) {
                          error(ctx, 404, "no such page or API: " + ctx.path());
                        }
                      });
                })
            .start(host, port);
    if (classroom == null && firstRun) {
      submit("first run", RunSettings.none(), Map.of());
    }
    if (classroom != null) {
      clock.scheduleAtFixedRate(this::tick, 1, 1, TimeUnit.SECONDS);
    }
    return this;
  }

  public int port() {
    return app.port();
  }

  /** The teacher's token, or null outside classroom mode. */
  public String teacherToken() {
    return classroom == null ? null : classroom.teacherToken();
  }

  public Scenario scenario() {
    return base;
  }

  private static Set<String> allowedHosts(String host) {
    if (host.equals("127.0.0.1") || host.equals("localhost") || host.equals("::1")) {
      return Set.of("127.0.0.1", "localhost", "[::1]");
    }
    return null; // bound elsewhere on purpose (--host): the user chose the network; any Host is
    // served
  }

  /** Refuses a foreign Host (DNS rebinding) and a POST that is not JSON; sets safe headers. */
  private void guard(Context ctx) {
    ctx.header("X-Content-Type-Options", "nosniff");
    ctx.header("Referrer-Policy", "no-referrer");
    ctx.header("Cache-Control", "no-store");
    String host = ctx.header("Host");
    if (allowedHosts != null) {
      String name = host == null ? "" : host.replaceFirst(":\\d+$", "").toLowerCase(Locale.ROOT);
      if (!allowedHosts.contains(name)) {
        throw ApiException.forbidden("Host '" + host + "' is not this server's loopback name");
      }
    }
    if ("POST".equals(ctx.method().name())) {
      String type = ctx.contentType();
      if (type == null || !type.toLowerCase(Locale.ROOT).startsWith("application/json")) {
        throw new ApiException(415, JSON_ONLY);
      }
    }
  }

  private void resource(Context ctx, String name) throws IOException {
    try (InputStream in = LiveServer.class.getResourceAsStream(name)) {
      if (in == null) {
        throw ApiException.notFound("missing resource " + name);
      }
      byte[] bytes = in.readAllBytes();
      String type =
          name.endsWith(".js")
              ? "text/javascript; charset=utf-8"
              : name.endsWith(".css") ? "text/css; charset=utf-8" : "text/html; charset=utf-8";
      ctx.header(
          "Content-Security-Policy",
          "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline';"
              + " img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'");
      ctx.contentType(type).result(bytes);
    }
  }

  private void json(Context ctx, Object value) throws JsonProcessingException {
    ctx.contentType("application/json; charset=utf-8").result(mapper.writeValueAsString(value));
  }

  private void error(Context ctx, int status, String message) {
    ctx.status(status).contentType("application/json; charset=utf-8");
    try {
      ctx.result(mapper.writeValueAsString(Map.of("error", message, "status", status)));
    } catch (JsonProcessingException e) {
      ctx.result("{\"error\":\"unprintable error\"}");
    }
  }

  private static long now() {
    return System.currentTimeMillis();
  }

  private ResultsFolder requireResults() {
    if (results == null) {
      throw ApiException.notFound("no results folder: start with equigrid serve --results DIR");
    }
    return results;
  }

  private Classroom requireClassroom() {
    if (classroom == null) {
      throw ApiException.notFound("not in classroom mode: start with equigrid serve --classroom N");
    }
    return classroom;
  }

  private <T> T body(Context ctx, Class<T> type) throws IOException {
    String text = ctx.body();
    if (text.isBlank()) {
      throw ApiException.badRequest("the request needs a JSON body");
    }
    T value = mapper.readValue(text, type);
    if (value == null) {
      throw ApiException.badRequest("the request needs a JSON object, not null");
    }
    return value;
  }

  // ---- runs

  private synchronized LiveRun run(Context ctx) {
    String text = ctx.pathParam("id");
    int id;
    try {
      id = Integer.parseInt(text);
    } catch (NumberFormatException e) {
      throw ApiException.badRequest("run id '" + text + "' is not a whole number");
    }
    LiveRun run = runs.get(id);
    if (run == null) {
      throw ApiException.notFound("no run " + id + "; runs: " + runs.keySet());
    }
    return run;
  }

  private synchronized LiveRun latest() {
    return runs.values().stream().reduce((a, b) -> b).orElse(null);
  }

  private void postRun(Context ctx) throws IOException {
    if (classroom != null) {
      classroom.requireTeacher(ctx.header(TEACHER_HEADER));
    }
    RunSettings settings = body(ctx, RunSettings.class);
    LiveRun run = prepareAndSubmit("run", settings, null);
    ctx.status(202);
    json(ctx, status(run));
  }

  /** Validates the settings like a scenario file and queues the run. */
  LiveRun prepareAndSubmit(
      String label, RunSettings settings, Map<String, BiddingStrategy> strategies) {
    Map<String, String> overrides = new LinkedHashMap<>(baseOverrides);
    overrides.putAll(settings.overrides());
    settings.parsedMechanism();
    Scenario scenario;
    try {
      scenario = ScenarioReader.read(scenarioFile, overrides);
    } catch (ScenarioException e) {
      throw ApiException.badRequest(e.getMessage());
    }
    Map<String, BiddingStrategy> all = new TreeMap<>(settings.strategies(scenario));
    if (strategies != null) {
      all.putAll(strategies);
    }
    return submit(label, settings, scenario, all);
  }

  private synchronized LiveRun submit(
      String label, RunSettings settings, Map<String, BiddingStrategy> strategies) {
    return submit(label, settings, base, strategies);
  }

  private synchronized LiveRun submit(
      String label,
      RunSettings settings,
      Scenario scenario,
      Map<String, BiddingStrategy> strategies) {
    LiveRun busy = latest();
    if (busy != null
        && (busy.state() == LiveRun.State.RUNNING || busy.state() == LiveRun.State.QUEUED)) {
      throw ApiException.conflict(String.format(RUN_UNDER_WAY, busy.id()));
    }
    int id = nextId++;
    LiveRun run =
        new LiveRun(id, label, settings, scenario, strategies, workDir.resolve("run-" + id));
    runs.put(id, run);
    while (runs.size() > MAX_RUNS) {
      runs.remove(runs.keySet().iterator().next());
    }
    worker.submit(run::execute);
    LOG.info("live run {} queued ({})", id, label);
    return run;
  }

  private ObjectNode status(LiveRun run) {
    return status(run, 0);
  }

  /**
   * A run's state; {@code negotiationRounds} holds its rounds from index {@code roundsFrom} on
   * ({@code negotiationRoundsTotal} counts them all): while a decentralised run plays, the rounds
   * recorded so far, so the page polls only the new ones.
   */
  private ObjectNode status(LiveRun run, int roundsFrom) {
    ObjectNode out =
        mapper
            .createObjectNode()
            .put("id", run.id())
            .put("label", run.label())
            .put("state", run.state().name().toLowerCase(Locale.ROOT))
            .put("messages", run.log().size())
            .put("daysFinished", run.daysFinished())
            .put("days", run.scenario().days())
            .put("mechanism", run.mechanism())
            .put("wallSeconds", run.wallSeconds());
    out.set("settings", mapper.valueToTree(run.settings()));
    out.set("effective", settingsOf(run.scenario(), run.mechanism()));
    if (run.error() != null) {
      out.put("error", run.error());
    }
    out.set("roundPrices", mapper.valueToTree(run.log().roundPrices()));
    List<NegotiationLog> rounds = run.negotiationRounds();
    out.put("negotiationRoundsTotal", rounds.size()).put("roundsFrom", roundsFrom);
    out.set(
        "negotiationRounds",
        roundsNode(rounds.subList(Math.min(roundsFrom, rounds.size()), rounds.size())));
    return out;
  }

  /**
   * The rounds of a decentralised run, one object per round with the columns of {@code
   * negotiation.csv} (docs/results-schema.md); an undefined value is null.
   */
  private ArrayNode roundsNode(List<NegotiationLog> rows) {
    ArrayNode out = mapper.createArrayNode();
    for (NegotiationLog row : rows) {
      RoundRecord r = row.record();
      ObjectNode node =
          out.addObject()
              .put("day", row.day())
              .put("households", row.households())
              .put("mechanism", row.mechanism())
              .put("objective", row.objective())
              .put("round", r.round());
      number(node, "primalResidualKwh", r.primalResidualKwh());
      number(node, "dualResidualEurPerKwh", r.dualResidualEurPerKwh());
      number(node, "objectiveEur", r.objectiveEur());
      number(node, "lowerBoundEur", r.lowerBoundEur());
      number(node, "certifiedGap", r.certifiedGap());
      number(node, "communityCostEur", r.communityCostEur());
      number(node, "centralOptimumEur", row.centralOptimumEur());
      number(node, "gapToCentral", row.gapToCentral());
      node.put("messages", r.messages())
          .put("payloadBytes", r.payloadNumbers() * NegotiationLog.BYTES_PER_NUMBER);
      ArrayNode prices = node.putArray("poolPriceEurPerKwh");
      for (double price : r.poolPriceEurPerKwh()) {
        if (Double.isFinite(price)) {
          prices.add(price);
        } else {
          prices.addNull();
        }
      }
    }
    return out;
  }

  private static void number(ObjectNode node, String field, double value) {
    if (Double.isFinite(value)) {
      node.put(field, value);
    } else {
      node.putNull(field);
    }
  }

  private ArrayNode runsView() {
    ArrayNode out = mapper.createArrayNode();
    List<LiveRun> all;
    synchronized (this) {
      all = List.copyOf(runs.values());
    }
    all.forEach(r -> out.add(status(r)));
    return out;
  }

  private void messages(Context ctx) throws JsonProcessingException {
    LiveRun run = run(ctx);
    int from = intParam(ctx, "from", 0, 0, Integer.MAX_VALUE);
    int limit = intParam(ctx, "limit", 2_000, 1, 20_000);
    String household = ctx.queryParam("household");
    if (household != null && base.households().stream().noneMatch(h -> h.id().equals(household))) {
      throw ApiException.badRequest("household '" + household + "': no such household");
    }
    ObjectNode out =
        mapper
            .createObjectNode()
            .put("total", run.log().size())
            .put("state", run.state().name().toLowerCase(Locale.ROOT));
    out.set("messages", mapper.valueToTree(run.log().entries(from, limit, household)));
    json(ctx, out);
  }

  private static int intParam(Context ctx, String name, int fallback, int min, int max) {
    String text = ctx.queryParam(name);
    if (text == null) {
      return fallback;
    }
    try {
      int value = Integer.parseInt(text);
      if (value < min || value > max) {
        throw ApiException.badRequest(name + " (" + value + ") must be from " + min + " to " + max);
      }
      return value;
    } catch (NumberFormatException e) {
      throw ApiException.badRequest(name + " '" + text + "' is not a whole number");
    }
  }

  private ObjectNode runResults(LiveRun run) throws IOException {
    if (run.state() != LiveRun.State.DONE) {
      throw ApiException.conflict(
          "run "
              + run.id()
              + " is "
              + run.state().name().toLowerCase(Locale.ROOT)
              + (run.error() != null ? ": " + run.error() : "; its results come when it is done"));
    }
    return ResultsFolder.runView(run.dir(), mapper);
  }

  private void household(Context ctx) throws JsonProcessingException {
    LiveRun run = run(ctx);
    String id = ctx.pathParam("household");
    Household household =
        run.scenario().households().stream()
            .filter(h -> h.id().equals(id))
            .findFirst()
            .orElseThrow(() -> ApiException.notFound("household '" + id + "': no such household"));
    ObjectNode out = householdNode(household);
    out.set("days", mapper.valueToTree(run.log().household(id)));
    json(ctx, out);
  }

  private ObjectNode householdNode(Household h) {
    return mapper
        .createObjectNode()
        .put("id", h.id())
        .put("group", h.group())
        .put("kind", h.kind().name().toLowerCase(Locale.ROOT))
        .put("pvKwp", h.pvKwp())
        .put("batteryKwh", h.hasBattery() ? h.battery().capacityKwh() : 0)
        .put("dailyIncomeEur", h.dailyIncomeEur());
  }

  private ObjectNode settingsOf(Scenario scenario, String mechanism) {
    ObjectNode out = mapper.createObjectNode();
    out.set("weights", mapper.valueToTree(new TreeMap<>(scenario.equity().weightByGroup())));
    out.put("rawlsianStrengthEur", scenario.equity().rawlsianStrengthEur())
        .put("pricing", kebab(scenario.pricingRule().name()))
        .put("settlementRule", scenario.settlement().rule().fileName())
        .put("mechanism", mechanism);
    return out;
  }

  private static String kebab(String enumName) {
    return enumName.toLowerCase(Locale.ROOT).replace('_', '-');
  }

  private ObjectNode scenarioView() {
    ObjectNode out =
        mapper
            .createObjectNode()
            .put("name", base.name())
            .put("description", base.description())
            .put("days", base.days())
            .put("intervalsPerDay", base.intervalsPerDay())
            .put("intervalHours", base.intervalHours())
            .put("classroom", classroom != null)
            .put("resultsFolder", results != null);
    ArrayNode households = out.putArray("households");
    base.households().forEach(h -> households.add(householdNode(h)));
    out.set("groups", mapper.valueToTree(base.groups().stream().distinct().sorted().toList()));
    out.set("defaults", settingsOf(base, RunSettings.Mechanism.CENTRAL.key()));
    ObjectNode allowed = out.putObject("allowed");
    allowed.set(
        "pricing",
        mapper.valueToTree(
            java.util.Arrays.stream(PricingRule.values()).map(r -> kebab(r.name())).toList()));
    allowed.set(
        "settlementRule",
        mapper.valueToTree(
            java.util.Arrays.stream(SettlementSettings.Rule.values())
                .map(SettlementSettings.Rule::fileName)
                .toList()));
    allowed.set("mechanism", mapper.valueToTree(RunSettings.Mechanism.keys()));
    allowed.set("strategy", mapper.valueToTree(ScenarioAgents.STRATEGY_NAMES));
    return out;
  }

  // ---- classroom

  /** A claim request: the household wanted, or null for any free one. */
  record ClaimRequest(String household) {}

  /** A bid request: the household (must be the session's) and its bid. */
  record BidRequest(
      String household, Double loadFactor, Double eveningLoadFactor, Boolean offerBattery) {}

  /** The teacher opens bidding for this many seconds. */
  record OpenRequest(Integer seconds) {}

  private void claim(Context ctx) throws IOException {
    Classroom c = requireClassroom();
    String text = ctx.body();
    ClaimRequest request = text.isBlank() ? new ClaimRequest(null) : body(ctx, ClaimRequest.class);
    json(ctx, c.claim(request.household()));
  }

  private void bid(Context ctx) throws IOException {
    Classroom c = requireClassroom();
    String token = ctx.header(TOKEN_HEADER);
    c.householdOf(token); // an unknown token is refused before the body is read
    BidRequest request = body(ctx, BidRequest.class);
    if (request.household() == null) {
      throw ApiException.badRequest("household: name the household you bid for");
    }
    StudentBid bid =
        new StudentBid(
            request.loadFactor() == null ? 1 : request.loadFactor(),
            request.eveningLoadFactor() == null ? 1 : request.eveningLoadFactor(),
            request.offerBattery() == null || request.offerBattery());
    c.bid(token, request.household(), bid);
    json(ctx, c.studentView(token, now(), mapper));
  }

  private void openBidding(Context ctx) throws IOException {
    Classroom c = requireClassroom();
    c.requireTeacher(ctx.header(TEACHER_HEADER));
    OpenRequest request = body(ctx, OpenRequest.class);
    if (request.seconds() == null) {
      throw ApiException.badRequest(
          "seconds: how long bidding stays open, 5 to " + Classroom.MAX_SECONDS);
    }
    c.open(request.seconds(), now());
    json(ctx, c.state(now(), mapper));
  }

  private void tick() {
    try {
      if (classroom.deadlinePassed(now())) {
        closeBidding();
      }
    } catch (RuntimeException e) {
      LOG.error("classroom clock", e);
    }
  }

  /**
   * Closes bidding and runs the day with the students' bids, then ranks it against truthful bids.
   */
  private void closeBidding() {
    Map<String, BiddingStrategy> strategies = classroom.close();
    if (strategies == null) {
      return;
    }
    LiveRun run;
    try {
      run = submit("classroom day", RunSettings.none(), strategies);
    } catch (ApiException e) {
      classroom.failed(e.getMessage());
      return;
    }
    classroom.started(run.id());
    worker.submit(() -> rank(run));
  }

  /** On the worker, after the class's run: the truthful reference in-process, then the ranking. */
  private void rank(LiveRun run) {
    if (run.state() != LiveRun.State.DONE) {
      classroom.failed(run.error() == null ? "the day did not finish" : run.error());
      return;
    }
    try {
      Path truthfulDir = run.dir().resolveSibling(run.dir().getFileName() + "-truthful");
      new ResultsWriter(org.equigrid.experiments.cli.VersionProvider.version())
          .write(
              new ScenarioRunner(ProgressListener.silent(), SettlementOptions.defaults())
                  .run(run.scenario()),
              truthfulDir);
      classroom.finished(bills(run.dir()), bills(truthfulDir), mapper);
    } catch (IOException | RuntimeException e) {
      LOG.error("classroom ranking", e);
      classroom.failed("the truthful reference failed: " + e);
    }
  }

  private Map<String, Double> bills(Path dir) throws IOException {
    Map<String, Double> bills = new TreeMap<>();
    for (JsonNode row : ResultsFolder.csvRows(dir.resolve("households.csv"), mapper)) {
      bills.merge(
          row.get("household").asText(),
          Double.parseDouble(row.get("billEur").asText()),
          Double::sum);
    }
    return bills;
  }

  /** Waits until the latest run is no longer queued or running (tests, benchmarks). */
  boolean awaitIdle(long timeoutMillis) throws InterruptedException {
    long end = System.currentTimeMillis() + timeoutMillis;
    while (System.currentTimeMillis() < end) {
      LiveRun run = latest();
      boolean classBusy =
          classroom != null
              && classroom.state(now(), mapper).get("phase").asText().equals("running");
      if ((run == null || run.state() == LiveRun.State.DONE || run.state() == LiveRun.State.FAILED)
          && !classBusy) {
        return true;
      }
      Thread.sleep(100);
    }
    return false;
  }

  @Override
  public void close() {
    if (app != null) {
      app.stop();
    }
    clock.shutdownNow();
    worker.shutdownNow();
  }
}
