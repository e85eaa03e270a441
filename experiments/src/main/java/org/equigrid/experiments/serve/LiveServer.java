package org.equigrid.experiments.serve;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.equigrid.agents.coordinator.CoordinatorSettings;
import org.equigrid.agents.household.BiddingStrategy;
import org.equigrid.agents.platform.ScenarioAgents;
import org.equigrid.config.Scenario;
import org.equigrid.config.ScenarioException;
import org.equigrid.config.ScenarioReader;
import org.equigrid.market.model.Household;

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
  private final ResultsFolder results;
  private final ExecutorService worker =
      Executors.newSingleThreadExecutor(daemon("equigrid-live-run"));
  private final ScheduledExecutorService clock =
      Executors.newSingleThreadScheduledExecutor(daemon("equigrid-classroom-clock"));
  private final ApiHttp http = new ApiHttp(mapper);
  private final RunViews views = new RunViews(mapper);
  private final ClassroomDesk desk;
  private final RunQueue queue;
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
    Files.createDirectories(workDir);
    this.queue = new RunQueue(workDir, worker);
    this.results = resultsDir == null ? null : new ResultsFolder(resultsDir, mapper);
    this.desk =
        classroomSeats > 0
            ? new ClassroomDesk(
                new Classroom(base, classroomSeats), mapper, http, this::submit, worker)
            : null;
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
    allowedHosts = ApiHttp.allowedHosts(host);
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
                  config.routes.before(ctx -> ApiHttp.guard(ctx, allowedHosts));
                  PAGES.forEach(
                      (path, file) ->
                          config.routes.get(path, ctx -> ApiHttp.resource(ctx, RESOURCES + file)));
                  config.routes.get("/echarts.min.js", ctx -> ApiHttp.resource(ctx, ECHARTS));
                  config.routes.get(
                      "/api/scenario",
                      ctx ->
                          http.json(ctx, views.scenarioView(base, desk != null, results != null)));
                  config.routes.get("/api/runs", ctx -> http.json(ctx, runsView()));
                  config.routes.post("/api/runs", this::postRun);
                  config.routes.get(
                      "/api/runs/{id}",
                      ctx ->
                          http.json(
                              ctx,
                              views.status(
                                  run(ctx),
                                  ApiHttp.intParam(ctx, "roundsFrom", 0, 0, Integer.MAX_VALUE))));
                  config.routes.get("/api/runs/{id}/messages", this::messages);
                  config.routes.get(
                      "/api/runs/{id}/results", ctx -> http.json(ctx, views.runResults(run(ctx))));
                  config.routes.get("/api/runs/{id}/households/{household}", this::household);
                  config.routes.get("/api/results", ctx -> http.json(ctx, requireResults().list()));
                  config.routes.get(
                      "/api/results/file",
                      ctx -> http.json(ctx, requireResults().read(ctx.queryParam("path"))));
                  config.routes.get(
                      "/api/results/view",
                      ctx -> http.json(ctx, requireResults().view(ctx.queryParam("dir"))));
                  config.routes.get("/api/classroom", ctx -> requireDesk().state(ctx));
                  config.routes.post("/api/classroom/claim", ctx -> requireDesk().claim(ctx));
                  config.routes.get("/api/classroom/me", ctx -> requireDesk().me(ctx));
                  config.routes.post("/api/classroom/bid", ctx -> requireDesk().bid(ctx));
                  config.routes.get("/api/classroom/teacher", ctx -> requireDesk().teacher(ctx));
                  config.routes.post("/api/classroom/open", ctx -> requireDesk().open(ctx));
                  config.routes.post("/api/classroom/close", ctx -> requireDesk().close(ctx));
                  config.routes.exception(
                      ApiException.class, (e, ctx) -> http.error(ctx, e.status(), e.getMessage()));
                  config.routes.exception(
                      JsonProcessingException.class,
                      (e, ctx) ->
                          http.error(
                              ctx,
                              400,
                              "the request body is not valid here: " + e.getOriginalMessage()));
                  config.routes.exception(
                      Exception.class,
                      (e, ctx) -> {
                        LOG.error("live view: {} {}", ctx.method(), ctx.path(), e);
                        http.error(ctx, 500, "internal error: " + e);
                      });
                  config.routes.error(
                      404,
                      ctx -> {
                        String type = ctx.res().getContentType();
                        if (type == null || !type.startsWith("application/json")) {
                          http.error(ctx, 404, "no such page or API: " + ctx.path());
                        }
                      });
                })
            .start(host, port);
    if (desk == null && firstRun) {
      submit("first run", RunSettings.none(), Map.of());
    }
    if (desk != null) {
      clock.scheduleAtFixedRate(desk::tick, 1, 1, TimeUnit.SECONDS);
    }
    return this;
  }

  private static ThreadFactory daemon(String name) {
    return r -> {
      Thread t = new Thread(r, name);
      t.setDaemon(true);
      return t;
    };
  }

  public int port() {
    return app.port();
  }

  /** The teacher's token, or null outside classroom mode. */
  public String teacherToken() {
    return desk == null ? null : desk.classroom().teacherToken();
  }

  public Scenario scenario() {
    return base;
  }

  private ResultsFolder requireResults() {
    if (results == null) {
      throw ApiException.notFound("no results folder: start with equigrid serve --results DIR");
    }
    return results;
  }

  private ClassroomDesk requireDesk() {
    if (desk == null) {
      throw ApiException.notFound("not in classroom mode: start with equigrid serve --classroom N");
    }
    return desk;
  }

  // ---- runs

  private LiveRun run(Context ctx) {
    return queue.get(ctx.pathParam("id"));
  }

  private void postRun(Context ctx) throws IOException {
    if (desk != null) {
      desk.classroom().requireTeacher(ctx.header(TEACHER_HEADER));
    }
    RunSettings settings = http.body(ctx, RunSettings.class);
    LiveRun run = prepareAndSubmit("run", settings, null);
    ctx.status(202);
    http.json(ctx, views.status(run));
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

  private LiveRun submit(
      String label, RunSettings settings, Map<String, BiddingStrategy> strategies) {
    return submit(label, settings, base, strategies);
  }

  private LiveRun submit(
      String label,
      RunSettings settings,
      Scenario scenario,
      Map<String, BiddingStrategy> strategies) {
    RunSettings.Mechanism mechanism = settings.parsedMechanism();
    ScenarioAgents.unsupported(
            scenario,
            CoordinatorSettings.defaults(mechanism.mode()).withNegotiation(mechanism.negotiation()))
        .ifPresent(
            reason -> {
              throw ApiException.badRequest("mechanism '" + mechanism.key() + "': " + reason);
            });
    return queue.submit(label, settings, scenario, strategies);
  }

  private ArrayNode runsView() {
    ArrayNode out = mapper.createArrayNode();
    queue.all().forEach(r -> out.add(views.status(r)));
    return out;
  }

  private void messages(Context ctx) throws JsonProcessingException {
    LiveRun run = run(ctx);
    int from = ApiHttp.intParam(ctx, "from", 0, 0, Integer.MAX_VALUE);
    int limit = ApiHttp.intParam(ctx, "limit", 2_000, 1, 20_000);
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
    http.json(ctx, out);
  }

  private void household(Context ctx) throws JsonProcessingException {
    LiveRun run = run(ctx);
    String id = ctx.pathParam("household");
    Household household =
        run.scenario().households().stream()
            .filter(h -> h.id().equals(id))
            .findFirst()
            .orElseThrow(() -> ApiException.notFound("household '" + id + "': no such household"));
    ObjectNode out = views.householdNode(household);
    out.set("days", mapper.valueToTree(run.log().household(id)));
    http.json(ctx, out);
  }

  /** Waits until the latest run is no longer queued or running (tests, benchmarks). */
  boolean awaitIdle(long timeoutMillis) throws InterruptedException {
    long end = System.currentTimeMillis() + timeoutMillis;
    while (System.currentTimeMillis() < end) {
      LiveRun run = queue.latest();
      boolean classBusy = desk != null && desk.busy();
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
