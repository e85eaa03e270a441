package org.equigrid.experiments.serve;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.equigrid.agents.household.BiddingStrategy;
import org.equigrid.experiments.output.ResultsWriter;
import org.equigrid.experiments.run.ProgressListener;
import org.equigrid.experiments.run.ScenarioRunner;
import org.equigrid.market.settlement.SettlementOptions;

/**
 * The classroom's API: students claim a household and bid, the teacher opens and closes bidding; at
 * the close the day runs with the students' bids and is ranked against truthful bids.
 */
final class ClassroomDesk {

  private static final Logger LOG = LogManager.getLogger(LiveServer.class);

  /** Queues the class's day on the server's one worker. */
  @FunctionalInterface
  interface DaySubmitter {
    LiveRun submit(String label, RunSettings settings, Map<String, BiddingStrategy> strategies);
  }

  /** A claim request: the household wanted, or null for any free one. */
  record ClaimRequest(String household) {}

  /** A bid request: the household (must be the session's) and its bid. */
  record BidRequest(
      String household, Double loadFactor, Double eveningLoadFactor, Boolean offerBattery) {}

  /** The teacher opens bidding for this many seconds. */
  record OpenRequest(Integer seconds) {}

  private final Classroom classroom;
  private final ObjectMapper mapper;
  private final ApiHttp http;
  private final DaySubmitter submitter;
  private final ExecutorService worker;

  ClassroomDesk(
      Classroom classroom,
      ObjectMapper mapper,
      ApiHttp http,
      DaySubmitter submitter,
      ExecutorService worker) {
    this.classroom = classroom;
    this.mapper = mapper;
    this.http = http;
    this.submitter = submitter;
    this.worker = worker;
  }

  Classroom classroom() {
    return classroom;
  }

  private static long now() {
    return System.currentTimeMillis();
  }

  void state(Context ctx) throws IOException {
    http.json(ctx, classroom.state(now(), mapper));
  }

  void me(Context ctx) throws IOException {
    http.json(ctx, classroom.studentView(ctx.header(LiveServer.TOKEN_HEADER), now(), mapper));
  }

  void teacher(Context ctx) throws IOException {
    classroom.requireTeacher(ctx.header(LiveServer.TEACHER_HEADER));
    http.json(ctx, classroom.teacherView(now(), mapper));
  }

  void claim(Context ctx) throws IOException {
    String text = ctx.body();
    ClaimRequest request =
        text.isBlank() ? new ClaimRequest(null) : http.body(ctx, ClaimRequest.class);
    http.json(ctx, classroom.claim(request.household()));
  }

  void bid(Context ctx) throws IOException {
    String token = ctx.header(LiveServer.TOKEN_HEADER);
    classroom.householdOf(token); // an unknown token is refused before the body is read
    BidRequest request = http.body(ctx, BidRequest.class);
    if (request.household() == null) {
      throw ApiException.badRequest("household: name the household you bid for");
    }
    StudentBid bid =
        new StudentBid(
            request.loadFactor() == null ? 1 : request.loadFactor(),
            request.eveningLoadFactor() == null ? 1 : request.eveningLoadFactor(),
            request.offerBattery() == null || request.offerBattery());
    classroom.bid(token, request.household(), bid);
    http.json(ctx, classroom.studentView(token, now(), mapper));
  }

  void open(Context ctx) throws IOException {
    classroom.requireTeacher(ctx.header(LiveServer.TEACHER_HEADER));
    OpenRequest request = http.body(ctx, OpenRequest.class);
    if (request.seconds() == null) {
      throw ApiException.badRequest(
          "seconds: how long bidding stays open, 5 to " + Classroom.MAX_SECONDS);
    }
    classroom.open(request.seconds(), now());
    http.json(ctx, classroom.state(now(), mapper));
  }

  void close(Context ctx) throws IOException {
    classroom.requireTeacher(ctx.header(LiveServer.TEACHER_HEADER));
    closeBidding();
    http.json(ctx, classroom.state(now(), mapper));
  }

  /** Each second: closes bidding once its deadline has passed. */
  void tick() {
    try {
      if (classroom.deadlinePassed(now())) {
        closeBidding();
      }
    } catch (RuntimeException e) {
      LOG.error("classroom clock", e);
    }
  }

  /** Whether the class's day (or its ranking) is still running. */
  boolean busy() {
    return classroom.state(now(), mapper).get("phase").asText().equals("running");
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
      run = submitter.submit("classroom day", RunSettings.none(), strategies);
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
}
