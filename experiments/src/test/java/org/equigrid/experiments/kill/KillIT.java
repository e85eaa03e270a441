package org.equigrid.experiments.kill;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.StringReader;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.equigrid.agents.learning.equity.EquityPolicy;
import org.equigrid.config.Scenario;
import org.equigrid.config.ScenarioReader;
import org.equigrid.experiments.cli.EquigridCommand;
import org.equigrid.experiments.cli.OutputFolder;
import org.equigrid.experiments.learning.EquityTrainer;
import org.equigrid.experiments.output.Manifest;
import org.equigrid.experiments.output.ResultsWriter;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * kill -9 at seeded random points of {@code run}, {@code sweep}, {@code train} and a joined JVM
 * ({@code platform join}): each command runs as a child JVM ({@code java -cp <test classpath>
 * EquigridCommand ...}, the jar's main class), first uninterrupted (the reference, and its duration
 * D, from its first line on stderr, after the JVM's start and the input's reading), then {@code
 * -Dequigrid.kill} times killed with SIGKILL ({@link Process#destroyForcibly()}) after a delay from
 * that first line drawn uniformly from [0, D) with {@code -Dequigrid.kill.seed}. After each kill:
 * every file present is complete (CSV rows with the header's columns and a final newline, JSON and
 * JSON lines parse, a manifest verifies, a checkpoint loads, HTML ends with {@code </html>}); then
 * the rerun (run: the same command into the same folder; sweep: the same sweep, which must skip
 * exactly the runs whose manifest verified; train: {@code --resume} from the checkpoint left, or
 * afresh) exits 0 with the stale lock file present and gives the reference's files byte for byte
 * (train: the same checkpoint parameters and learning curve without its steps/s column), with no
 * temporary file left. Joined JVM ({@code platform main} hosting households 1-2 of 5, {@code
 * platform join} 3-5, 4 days over loopback): the joiner is killed at a delay from the moment it
 * starts joining; the main keeps going and exits 0; its results verify; every day without a
 * household in summary.json's standaloneHouseholds (each with a reason, each of the killed JVM's)
 * equals the reference's day.
 *
 * <p>Not in the default build: {@code mvn -B -pl experiments -am test -Dtest=KillIT
 * -Dsurefire.failIfNoSpecifiedTests=false -Dequigrid.kill=20}. Figures go to stdout and {@code
 * target/kill-report.txt}.
 */
@EnabledIfSystemProperty(named = "equigrid.kill", matches = "[1-9][0-9]*")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class KillIT {

  private static final int POINTS = Integer.getInteger("equigrid.kill", 0);
  private static final long SEED = Long.getLong("equigrid.kill.seed", 17L);
  private static final Path QUICKSTART = repoFile("config/scenarios/quickstart.yaml");
  private static final Path S5 = repoFile("config/scenarios/s5-p2p-static-equity.yaml");
  private static final String FOUR = "community.generate.households=4";
  private static final String FIVE = "community.generate.households=5";
  private static final long CHILD_TIMEOUT_S = 900;
  private static final List<String> REPORT = new ArrayList<>();
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  @TempDir Path tmp;

  /** What one kill point found. */
  record Point(int index, long delayMs, boolean killed, List<String> filesAtKill, String note) {}

  @Test
  @Order(1)
  void run_killedAnywhere_rerunIntoTheSameFolderGivesTheSameFiles() throws Exception {
    Path ref = tmp.resolve("ref");
    long duration = reference(ref, out -> runArgs(out));
    points(
        "run",
        duration,
        SEED,
        (i, delay) -> {
          Path dir = tmp.resolve("run-" + i);
          boolean killed = fromBanner(tmp.resolve("run-" + i + ".log"), runArgs(dir), delay) < 0;
          List<String> present = checkComplete(dir);
          assertThat(exit(tmp.resolve("run-" + i + "-rerun.log"), runArgs(dir)))
              .as("rerun")
              .isZero();
          assertNoTempFiles(dir);
          assertSameFiles(dir, ref, Set.of());
          return new Point(i, delay, killed, present, "");
        });
  }

  @Test
  @Order(2)
  void sweep_killedAnywhere_resumesSkippingCompleteRunsToTheSameFiles() throws Exception {
    Path file = tmp.resolve("kill-sweep.yaml");
    Files.writeString(
        file,
        """
        base: %s
        days: 1
        set: {community.generate.households: 4}
        runs:
          - {equity.rawlsianStrengthEur: 0}
          - {equity.rawlsianStrengthEur: 5}
          - {equity.rawlsianStrengthEur: 10}
        pareto: [communityCostEur, meanGiniEnergyBurden]
        """
            .formatted(QUICKSTART));
    Path ref = tmp.resolve("ref-sweep");
    long duration = reference(ref, out -> sweepArgs(file, out));
    points(
        "sweep",
        duration,
        SEED + 1,
        (i, delay) -> {
          Path dir = tmp.resolve("sweep-" + i);
          boolean killed =
              fromBanner(tmp.resolve("sweep-" + i + ".log"), sweepArgs(file, dir), delay) < 0;
          List<String> present = checkComplete(dir);
          int complete = 0;
          if (Files.isDirectory(dir)) {
            try (Stream<Path> runs = Files.list(dir)) {
              for (Path run : runs.filter(Files::isDirectory).toList()) {
                complete +=
                    Manifest.verified(run, ResultsWriter.RESULT_FILES)
                            && Files.isRegularFile(run.resolve("report.html"))
                        ? 1
                        : 0;
              }
            }
          }
          Path log = tmp.resolve("sweep-" + i + "-rerun.log");
          assertThat(exit(log, sweepArgs(file, dir))).as("resume").isZero();
          assertThat(Files.readString(log))
              .as("the resume skips the %d complete runs", complete)
              .contains(String.format(Locale.ROOT, "skipped %d (complete)", complete));
          assertNoTempFiles(dir);
          assertSameFiles(dir, ref, Set.of());
          return new Point(i, delay, killed, present, complete + " runs complete at the kill");
        });
  }

  @Test
  @Order(3)
  void train_killedAnywhere_resumeFromTheCheckpointEqualsStraightTraining() throws Exception {
    Path ref = tmp.resolve("ref-train");
    long duration = reference(ref, out -> trainArgs(out, false));
    Scenario scenario = ScenarioReader.read(S5, Map.of("community.generate.households", "4"));
    double[] straight =
        EquityPolicy.load(ref.resolve(EquityTrainer.CHECKPOINT), scenario).ppo().parameters();
    points(
        "train",
        duration,
        SEED + 2,
        (i, delay) -> {
          Path dir = tmp.resolve("train-" + i);
          boolean killed =
              fromBanner(tmp.resolve("train-" + i + ".log"), trainArgs(dir, false), delay) < 0;
          List<String> present = checkComplete(dir);
          Path checkpoint = dir.resolve(EquityTrainer.CHECKPOINT);
          boolean resume = Files.exists(checkpoint);
          if (resume) {
            EquityPolicy.load(checkpoint, scenario); // a checkpoint present loads
          }
          assertThat(exit(tmp.resolve("train-" + i + "-resume.log"), trainArgs(dir, resume)))
              .as(resume ? "--resume" : "a fresh start")
              .isZero();
          assertNoTempFiles(dir);
          assertThat(EquityPolicy.load(checkpoint, scenario).ppo().parameters())
              .as("resumed parameters")
              .containsExactly(straight);
          assertThat(withoutRate(dir.resolve(EquityTrainer.LEARNING_CSV)))
              .as("learning.csv without steps/s")
              .isEqualTo(withoutRate(ref.resolve(EquityTrainer.LEARNING_CSV)));
          return new Point(i, delay, killed, present, resume ? "resumed" : "started afresh");
        });
  }

  @Test
  @Order(4)
  void platformJoin_joinerKilledAnywhere_mainFinishesAndNamesTheLostHouseholds() throws Exception {
    Path ref = tmp.resolve("ref-platform");
    long[] joinDuration = new long[1];
    Joined reference = platform(ref, tmp.resolve("ref-platform"), -1, joinDuration);
    assertThat(reference.joinExit())
        .as(Files.readString(tmp.resolve("ref-platform-join.log")))
        .isZero();
    assertThat(standalone(ref)).as("no household standalone in the reference").isEmpty();
    Scenario scenario =
        ScenarioReader.read(QUICKSTART, Map.of("community.generate.households", "5"));
    Set<String> joined = new HashSet<>();
    scenario.households().subList(2, 5).forEach(h -> joined.add(h.id()));
    Map<String, List<String>> refRows = householdRows(ref);
    points(
        "platform join (joiner killed)",
        joinDuration[0],
        SEED + 3,
        (i, delay) -> {
          Path dir = tmp.resolve("platform-" + i);
          Joined run = platform(dir, tmp.resolve("platform-" + i), delay, new long[1]);
          List<String> present = checkComplete(dir);
          assertThat(Manifest.verified(dir, ResultsWriter.RESULT_FILES))
              .as("manifest of the main's results")
              .isTrue();
          Map<String, String> lost = standalone(dir);
          Map<String, List<String>> rows = householdRows(dir);
          assertThat(rows.keySet())
              .as("every household every day in households.csv")
              .isEqualTo(refRows.keySet());
          Set<String> daysWithLosses = new HashSet<>();
          lost.keySet().forEach(k -> daysWithLosses.add(k.split(" ")[0]));
          for (Map.Entry<String, List<String>> e : rows.entrySet()) {
            if (!daysWithLosses.contains(e.getKey().split(" ")[0])) {
              assertThat(e.getValue())
                  .as("%s: a day without losses is the reference's", e.getKey())
                  .isEqualTo(refRows.get(e.getKey()));
            }
          }
          lost.forEach(
              (dayHousehold, reason) -> {
                assertThat(joined)
                    .as("only the killed JVM's households are lost")
                    .contains(dayHousehold.split(" ")[1]);
                assertThat(reason).isNotBlank();
              });
          assertNoTempFiles(dir);
          return new Point(
              i,
              delay,
              run.killed(),
              present,
              lost.size()
                  + " household-days standalone"
                  + (lost.isEmpty()
                      ? ""
                      : " " + new TreeMap<>(lost).values().stream().distinct().toList()));
        });
  }

  private interface PointBody {
    Point run(int index, long delayMs) throws Exception;
  }

  /**
   * {@link #POINTS} kill points with delays drawn uniformly from [0, {@code durationMs}) by a
   * {@link Random} of {@code seed}; a failing point is recorded and the others still run; the test
   * fails at the end naming every failed point.
   */
  private static void points(String command, long durationMs, long seed, PointBody body) {
    Random random = new Random(seed);
    List<Point> points = new ArrayList<>();
    List<String> failures = new ArrayList<>();
    long start = System.nanoTime();
    for (int i = 0; i < POINTS; i++) {
      long delay = random.nextLong(durationMs);
      try {
        points.add(body.run(i, delay));
      } catch (Exception | AssertionError e) {
        String failure =
            String.format(
                Locale.ROOT,
                "%s #%d (kill at %d ms): %s",
                command,
                i,
                delay,
                String.valueOf(e.getMessage()).strip().replaceAll("\\s+", " "));
        failures.add(failure);
        points.add(new Point(i, delay, true, List.of(), "FAILED: " + failure));
      }
    }
    report(command, durationMs, points, start, failures.size());
    assertThat(failures).as("failed kill points of %s", command).isEmpty();
  }

  @AfterAll
  static void writeReport() throws IOException {
    if (!REPORT.isEmpty()) {
      Files.write(Path.of("target", "kill-report.txt"), REPORT);
    }
  }

  // --- commands

  private static List<String> runArgs(Path out) {
    return List.of(
        "run", QUICKSTART.toString(), "--set", FOUR, "--days", "2", "--out", out.toString());
  }

  private static List<String> sweepArgs(Path file, Path out) {
    return List.of("sweep", file.toString(), "--out", out.toString(), "--parallel", "1");
  }

  private static List<String> trainArgs(Path out, boolean resume) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "train",
                S5.toString(),
                "--set",
                FOUR,
                "--episodes",
                "80",
                "--episode-days",
                "3",
                "--out",
                out.toString()));
    if (resume) {
      args.addAll(List.of("--resume", out.resolve(EquityTrainer.CHECKPOINT).toString()));
    }
    return args;
  }

  record Joined(int mainExit, int joinExit, boolean killed) {}

  /**
   * {@code platform main} with households 1-2 and {@code platform join} of 3-5 over loopback; the
   * joiner killed after {@code killAfterMs} (never when negative). The main must exit 0.
   */
  private Joined platform(Path out, Path logs, long killAfterMs, long[] joinDurationMs)
      throws Exception {
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    Path secret = Path.of(logs + ".secret");
    Path mainLog = Path.of(logs + "-main.log");
    Process main =
        start(
            mainLog,
            List.of(
                "platform",
                "main",
                QUICKSTART.toString(),
                "--set",
                FIVE,
                "--days",
                "4",
                "--port",
                Integer.toString(port),
                "--local",
                "1-2",
                "--wait-seconds",
                "30",
                "--secret-file",
                secret.toString(),
                "--out",
                out.toString()));
    try {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(CHILD_TIMEOUT_S);
      while (!Files.exists(secret)
          || !Files.readString(mainLog).contains("main container listening")) {
        assertThat(main.isAlive()).as(Files.readString(mainLog)).isTrue();
        assertThat(System.nanoTime()).as("the main never listened").isLessThan(deadline);
        Thread.sleep(100);
      }
      Path joinLog = Path.of(logs + "-join.log");
      Process join =
          start(
              joinLog,
              List.of(
                  "platform",
                  "join",
                  "127.0.0.1:" + port,
                  QUICKSTART.toString(),
                  "--set",
                  FIVE,
                  "--days",
                  "4",
                  "--households",
                  "3-5",
                  "--secret-file",
                  secret.toString(),
                  "--timeout-seconds",
                  Long.toString(CHILD_TIMEOUT_S)));
      // The clock starts when the joiner has read the scenario and starts joining: the kill points
      // fall into the join and the days, not into the JVM's start.
      while (join.isAlive() && !Files.readString(joinLog).contains("joining ")) {
        Thread.sleep(20);
      }
      long started = System.nanoTime();
      boolean killed = false;
      int joinExit;
      if (killAfterMs >= 0) {
        killed = killAfter(join, killAfterMs);
        joinExit = join.exitValue();
      } else {
        assertThat(join.waitFor(CHILD_TIMEOUT_S, TimeUnit.SECONDS)).isTrue();
        joinExit = join.exitValue();
        joinDurationMs[0] = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
      }
      assertThat(main.waitFor(CHILD_TIMEOUT_S, TimeUnit.SECONDS)).as("the main finishes").isTrue();
      assertThat(main.exitValue()).as(Files.readString(mainLog)).isZero();
      return new Joined(main.exitValue(), joinExit, killed);
    } finally {
      main.destroyForcibly();
    }
  }

  // --- child processes

  private static Process start(Path log, List<String> args) throws IOException {
    List<String> command =
        new ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m",
                "-Dequigrid.log.level=WARN",
                "-cp",
                System.getProperty("java.class.path"),
                EquigridCommand.class.getName()));
    command.addAll(args);
    return new ProcessBuilder(command)
        .redirectErrorStream(true)
        .redirectOutput(log.toFile())
        .start();
  }

  private static int exit(Path log, List<String> args) throws Exception {
    Process process = start(log, args);
    try {
      assertThat(process.waitFor(CHILD_TIMEOUT_S, TimeUnit.SECONDS))
          .as("%s finished", args)
          .isTrue();
      if (process.exitValue() != 0) {
        System.err.println(Files.readString(log));
      }
      return process.exitValue();
    } finally {
      process.destroyForcibly();
    }
  }

  /** SIGKILL after {@code delayMs} unless it ended before; whether it was killed. */
  private static boolean killAfter(Process process, long delayMs) throws InterruptedException {
    if (process.waitFor(delayMs, TimeUnit.MILLISECONDS)) {
      return false;
    }
    process.destroyForcibly(); // SIGKILL on Linux
    process.waitFor();
    return true;
  }

  /**
   * Runs the command uninterrupted into {@code ref}, then again into a second folder, which must
   * hold the same bytes (the learning curve and checkpoint aside: steps/s and a date); returns the
   * shorter of the two durations from the banner on (the first run is slowed by a cold JVM and disk
   * cache, and later kills drawn from its duration fell after the end).
   */
  private long reference(Path ref, java.util.function.Function<Path, List<String>> args)
      throws Exception {
    long first = fromBanner(Path.of(ref + ".log"), args.apply(ref), -1);
    Path again = Path.of(ref + "-again");
    long second = fromBanner(Path.of(again + ".log"), args.apply(again), -1);
    assertSameFiles(
        again,
        ref,
        Set.of(
            EquityTrainer.LEARNING_CSV,
            EquityTrainer.CHECKPOINT,
            EquityTrainer.CHECKPOINT + ".properties",
            "report.html"));
    return Math.min(first, second);
  }

  /**
   * Starts a command and, once it has printed its first line (the "equigrid VERSION: ..." banner,
   * after the JVM has started and the input is read), lets it run to its end ({@code killAfterMs}
   * negative: must exit 0) or kills it after {@code killAfterMs}. Returns the milliseconds from the
   * banner to the end, or -1 when it was killed.
   */
  private static long fromBanner(Path log, List<String> args, long killAfterMs) throws Exception {
    Process process = start(log, args);
    try {
      while (process.isAlive() && !Files.readString(log).contains("equigrid ")) {
        Thread.sleep(10);
      }
      long banner = System.nanoTime();
      if (killAfterMs >= 0) {
        return killAfter(process, killAfterMs)
            ? -1
            : TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - banner);
      }
      assertThat(process.waitFor(CHILD_TIMEOUT_S, TimeUnit.SECONDS))
          .as("%s finished", args)
          .isTrue();
      assertThat(process.exitValue()).as("%s: %s", args, Files.readString(log)).isZero();
      return Math.max(1, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - banner));
    } finally {
      process.destroyForcibly();
    }
  }

  // --- checks

  /** Checks every file under {@code dir} is complete; returns their relative paths. */
  static List<String> checkComplete(Path dir) throws IOException {
    List<String> present = new ArrayList<>();
    if (!Files.isDirectory(dir)) {
      return present;
    }
    List<Path> files;
    try (Stream<Path> walk = Files.walk(dir)) {
      files = walk.filter(Files::isRegularFile).sorted().toList();
    }
    for (Path file : files) {
      String name = file.getFileName().toString();
      present.add(dir.relativize(file).toString());
      if (name.endsWith(".tmp") || name.equals(OutputFolder.LOCK_FILE) || name.endsWith(".ckpt")) {
        continue; // temp and lock files are never read by equigrid; checkpoints are loaded by the
        // train test
      }
      String text = Files.readString(file, StandardCharsets.UTF_8);
      if (name.endsWith(".csv")) {
        assertCompleteCsv(file, text);
      } else if (name.equals(Manifest.FILE_NAME)) {
        assertThat(Manifest.verified(file.getParent(), List.of())).as("%s verifies", file).isTrue();
      } else if (name.endsWith(".json")) {
        JSON.readTree(text);
      } else if (name.endsWith(".jsonl")) {
        assertThat(text).as("%s ends with a newline", file).endsWith("\n");
        for (String line : text.split("\n")) {
          JSON.readTree(line);
        }
      } else if (name.endsWith(".html")) {
        assertThat(text.strip()).as("%s is whole", file).endsWith("</html>");
      } else if (name.endsWith(".properties")) {
        Properties p = new Properties();
        p.load(new StringReader(text));
        assertThat(p.getProperty("rolloutSteps")).as("%s is whole", file).isNotNull();
      } else {
        throw new AssertionError("a file the kill test does not know: " + file);
      }
    }
    return present;
  }

  private static void assertCompleteCsv(Path file, String text) throws IOException {
    assertThat(text).as("%s ends with a newline", file).endsWith("\n");
    try (CSVParser parser = CSVParser.parse(text, CSVFormat.DEFAULT)) {
      List<CSVRecord> records = parser.getRecords();
      assertThat(records).as("%s has a header", file).isNotEmpty();
      int columns = records.get(0).size();
      for (CSVRecord record : records) {
        assertThat(record.size())
            .as("%s line %d", file, record.getRecordNumber())
            .isEqualTo(columns);
      }
    }
  }

  private static void assertNoTempFiles(Path dir) throws IOException {
    try (Stream<Path> walk = Files.walk(dir)) {
      assertThat(walk.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".tmp")).toList())
          .as("temporary files left in %s", dir)
          .isEmpty();
    }
  }

  /** The same files with the same bytes, the lock file and {@code ignored} names aside. */
  private static void assertSameFiles(Path dir, Path ref, Set<String> ignored) throws IOException {
    Map<String, byte[]> actual = contents(dir, ignored);
    Map<String, byte[]> expected = contents(ref, ignored);
    assertThat(actual.keySet()).as("files of %s", dir).isEqualTo(expected.keySet());
    for (String name : expected.keySet()) {
      assertThat(actual.get(name)).as("%s byte for byte", name).isEqualTo(expected.get(name));
    }
  }

  private static Map<String, byte[]> contents(Path dir, Set<String> ignored) throws IOException {
    Map<String, byte[]> contents = new TreeMap<>();
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path file : walk.filter(Files::isRegularFile).toList()) {
        String name = file.getFileName().toString();
        if (!name.equals(OutputFolder.LOCK_FILE) && !ignored.contains(name)) {
          contents.put(dir.relativize(file).toString(), Files.readAllBytes(file));
        }
      }
    }
    return contents;
  }

  private static List<String> withoutRate(Path csv) throws IOException {
    return Files.readAllLines(csv).stream()
        .map(line -> line.substring(0, line.lastIndexOf(',')))
        .toList();
  }

  /** summary.json's standalone households: "day household" to reason. */
  private static Map<String, String> standalone(Path dir) throws IOException {
    JsonNode root = JSON.readTree(dir.resolve(ResultsWriter.SUMMARY_JSON).toFile());
    Map<String, String> standalone = new TreeMap<>();
    for (JsonNode entry : root.path("standaloneHouseholds")) {
      standalone.put(
          entry.path("day").asInt() + " " + entry.path("household").asText(),
          entry.path("reason").asText());
    }
    return standalone;
  }

  /** households.csv rows by "day household". */
  private static Map<String, List<String>> householdRows(Path dir) throws IOException {
    Map<String, List<String>> rows = new TreeMap<>();
    try (CSVParser parser =
        CSVParser.parse(
            dir.resolve(ResultsWriter.HOUSEHOLDS_CSV),
            StandardCharsets.UTF_8,
            CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get())) {
      for (CSVRecord record : parser) {
        rows.put(record.get("day") + " " + record.get(1), record.toList());
      }
    }
    return rows;
  }

  private static void report(
      String command, long durationMs, List<Point> points, long startNanos, int failed) {
    long killed = points.stream().filter(Point::killed).count();
    long locks =
        points.stream().filter(p -> p.filesAtKill().contains(OutputFolder.LOCK_FILE)).count();
    long temps =
        points.stream()
            .filter(p -> p.filesAtKill().stream().anyMatch(f -> f.endsWith(".tmp")))
            .count();
    String head =
        String.format(
            Locale.ROOT,
            "%s: %d points (seed %d), %d killed, %d finished before the kill, %d failed; stale lock file left by"
                + " %d, temporary files by %d; uninterrupted %.1f s; %.0f s in all",
            command,
            points.size(),
            SEED,
            killed,
            points.size() - killed,
            failed,
            locks,
            temps,
            durationMs / 1e3,
            (System.nanoTime() - startNanos) / 1e9);
    REPORT.add(head);
    System.out.println(head);
    for (Point p : points) {
      String line =
          String.format(
              Locale.ROOT,
              "  #%d kill at %d ms%s: %d files present%s",
              p.index(),
              p.delayMs(),
              p.killed() ? "" : " (had finished)",
              p.filesAtKill().size(),
              p.note().isEmpty() ? "" : "; " + p.note());
      REPORT.add(line);
      System.out.println(line);
    }
  }

  private static Path repoFile(String relative) {
    Path dir = Path.of("").toAbsolutePath();
    while (dir != null) {
      if (Files.exists(dir.resolve(relative))) {
        return dir.resolve(relative);
      }
      dir = dir.getParent();
    }
    throw new IllegalStateException(relative + " not found above the working directory");
  }
}
