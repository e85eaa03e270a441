package org.equigrid.experiments.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.random.RandomGenerator;
import java.util.random.RandomGeneratorFactory;
import org.equigrid.agents.protocol.ContentException;
import org.equigrid.agents.protocol.Message;
import org.equigrid.agents.protocol.MessageCodec;
import org.equigrid.agents.protocol.ReceiptCheck;
import org.equigrid.experiments.cli.EquigridCommand;
import org.equigrid.experiments.fuzz.Mutator.Mutation;
import org.equigrid.market.negotiation.Answer;
import org.equigrid.market.negotiation.Signal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Fuzzing harness: seeded mutations of every input kind (scenario YAML, {@code --set} values, CSV
 * load profiles and price series, game JSON, agents' message content), each run through the command
 * line in-process. The contract: exit 0 or 2, never 1 (an unchecked exception), within a time
 * limit, and a known-bad input is never accepted. Message content must decode or give a {@link
 * ContentException}, and the receipt checks must answer, never throw.
 *
 * <p>{@code -Dequigrid.fuzz.count=N} sets the number of CLI inputs (default {@value
 * #DEFAULT_COUNT}, under a minute) and {@code -Dequigrid.fuzz.seed=S} the seed (default 1).
 */
class InputFuzzTest {

  static final int DEFAULT_COUNT = 400;
  static final long TIMEOUT_SECONDS = 120;

  private static final int COUNT = Integer.getInteger("equigrid.fuzz.count", DEFAULT_COUNT);
  private static final long SEED = Long.getLong("equigrid.fuzz.seed", 1L);

  /** Four households, one day; every number in it is the value of a numeric key. */
  static final String SCENARIO =
      """
      name: fuzz
      seed: 5
      horizon: {days: 1, intervalMinutes: 60, startDayOfYear: 172}
      community:
        generate:
          households: 4
          groupShares: {LOW: 0.5, HIGH: 0.5}
          incomeEurPerDay: {LOW: 30, HIGH: 120}
          annualLoadKwh: {LOW: 2500, HIGH: 4500}
          pvShare: 0.5
          pvKwp: {min: 3.0, max: 6.0}
          batteryShare: 0.25
          battery: {capacityKwh: 8.0, powerKw: 4.0, roundTripEfficiency: 0.9}
      tariff:
        importPeriods:
          - {fromHour: 0, toHour: 17, priceEurPerKwh: 0.25}
          - {fromHour: 17, toHour: 24, priceEurPerKwh: 0.4}
        exportPriceEurPerKwh: 0.08
        peakChargeEurPerKw: 0.25
        importLimitKw: 17
      market: {trading: true, pricing: mid-market}
      equity:
        weights: {LOW: 1.2, HIGH: 0.8}
        rawlsianStrengthEur: 1.0
      solver: {timeLimitSeconds: 5}
      """;

  /** Two explicit households reading per-household load CSVs and a price CSV. */
  static final String CSV_SCENARIO =
      """
      name: fuzzcsv
      seed: 3
      horizon: {days: 1, intervalMinutes: 60, startDayOfYear: 10}
      community:
        households:
          - {id: a, group: LOW, dailyIncomeEur: 40, dataKey: ka}
          - {id: b, group: HIGH, dailyIncomeEur: 90, pvKwp: 2.0, dataKey: kb}
      profiles:
        csv:
          layout: per-household
          load: {path: "load_{key}.csv", column: load, unit: kWh}
      tariff:
        importPriceCsv: {path: prices.csv, column: price}
      """;

  static final String GAME =
      """
      {"players": ["a", "b", "c"],
       "weights": {"a": 1, "b": 2, "c": 1},
       "values": {"a": 0, "b": 0, "c": 0, "a,b": 2, "a,c": 1, "b,c": 1, "a,b,c": 6}}
      """;

  /** {@code --set} paths of the base scenario, and the kind of value each holds. */
  static final Map<String, Boolean> SET_PATHS = setPaths();

  private static Map<String, Boolean> setPaths() {
    Map<String, Boolean> paths = new TreeMap<>(); // path -> numeric
    for (String p :
        List.of(
            "seed",
            "horizon.days",
            "horizon.intervalMinutes",
            "horizon.startDayOfYear",
            "community.generate.households",
            "community.generate.pvShare",
            "community.generate.batteryShare",
            "community.generate.incomeEurPerDay.LOW",
            "community.generate.pvKwp.max",
            "community.generate.battery.capacityKwh",
            "tariff.exportPriceEurPerKwh",
            "tariff.peakChargeEurPerKw",
            "tariff.importLimitKw",
            "tariff.exportLimitKw",
            "tariff.importPeriods[0].priceEurPerKwh",
            "equity.weights.LOW",
            "equity.rawlsianStrengthEur",
            "solver.timeLimitSeconds",
            "solver.relativeGapLimit",
            "solver.decompositionMinHouseholds",
            "community.generate.evShare",
            "community.generate.ev.energyKwh",
            "community.generate.ev.maxPowerKw",
            "community.generate.ev.arrivalHour",
            "community.generate.applianceShare",
            "community.generate.appliance.powerKw",
            "community.generate.appliance.durationHours",
            "community.generate.appliance.latestEndHour",
            "market.admm.rho",
            "community.generate.renterShare.LOW",
            "community.generate.pvShare.LOW")) {
      paths.put(p, true);
    }
    for (String p :
        List.of(
            "market.pricing",
            "market.trading",
            "name",
            "equity.leastAdvantagedGroups",
            "community.generate.incomeEurPerDay.RICH",
            "community.generate.groupShares",
            "nosuch.key",
            "tariff.importPeriods[9].priceEurPerKwh",
            "settlement.rule",
            "settlement.rawlsianObjective",
            "settlement.tolerance",
            "settlement.maxOrders",
            "settlement.explain",
            "market.negotiation",
            "solver.milpEffort",
            "equity.adaptive.reward",
            "equity.adaptive.policy")) {
      paths.put(p, false);
    }
    return paths;
  }

  /** {@code --set} overrides that must be refused. */
  static final List<String> BAD_SETS =
      List.of(
          "community.generate.incomeEurPerDay.RICH=50",
          "community.generate.annualLoadKwh.MIDDLE=3000",
          "equity.weights.MIDDLE=1.0",
          "horizon.days=18446744073709551617",
          "seed=18446744073709551623",
          "horizon.intervalMinutes=-9223372036854775809",
          "tariff.peakChargeEurPerKw=1e400",
          "community.generate.incomeEurPerDay.LOW=1e-320", // seed 2 case 1696: incomes of 0, exit 1
          "tariff.importPeriods[0].priceEurPerKwh=1e9", // seed 2 case 6020: a settlement MILP hung
          "settlement.rule=rawlsain",
          "settlement.rawlsianObjective=fairest",
          "settlement.tolerance=5",
          "settlement.maxOrders=2",
          "settlement.explain=some",
          "market.negotiation=auction",
          "market.negotiationTolerance=0.9",
          "market.admm.relaxation=2",
          "market.admm.averagedRounds=0",
          "market.admm.warmStart=maybe",
          "market.admm.rho=-1",
          "solver.milpEffort=rot",
          "solver.milpEffort=nodes:0",
          "community.generate.renterShare={LOW: 0.3, HIGH: 0.1}", // renters need per-group pvShare
          "community.generate.pvShare={LOW: 0.6, HIGH: 0.5}", // batteryShare stays one number
          "equity.adaptive.reward=gini",
          "community.generate.ev.energyKwh=500", // cannot be charged in its window
          "community.generate.ev.arrivalHour=25",
          "community.generate.evShare=1.5",
          "community.generate.appliance.durationHours=20", // longer than its window 8-22 h
          "community.generate.appliance.powerKw=0",
          "community.generate.appliance.latestEndHour=25",
          "community.generate.appliance.latestEndHour=6", // before its start: over midnight
          "community.generate.applianceShare=1.5");

  @TempDir Path dir;

  private record Outcome(int exit, String err) {}

  private record Failure(String kind, String description, String problem) {}

  @Test
  void fuzz_cliInputs_exitZeroOrTwoNeverOneAndKnownBadRefused() throws Exception {
    RandomGenerator random = RandomGeneratorFactory.of("L64X128MixRandom").create(SEED);
    Mutator mutator = new Mutator(random);
    Files.writeString(dir.resolve("base.yaml"), SCENARIO);
    List<Failure> failures = new ArrayList<>();
    Map<String, int[]> exits = new TreeMap<>(); // kind -> count of exit 0, 1, 2, other
    PrintStream stdout = System.out;
    PrintStream stderr = System.err;
    ExecutorService executor =
        Executors.newSingleThreadExecutor(
            r -> {
              Thread thread = new Thread(r, "fuzz-cli");
              thread.setDaemon(true); // a hung input must not keep the test JVM alive
              return thread;
            });
    System.setOut(new PrintStream(OutputStream.nullOutputStream()));
    System.setErr(new PrintStream(OutputStream.nullOutputStream()));
    try {
      for (int i = 0; i < COUNT; i++) {
        Path caseDir = Files.createDirectories(dir.resolve("case" + i));
        String kind = List.of("yaml", "set", "csv-load", "csv-price", "game").get(i % 5);
        Mutation mutation;
        List<String> args = new ArrayList<>();
        String command =
            random.nextInt(8) == 0 ? "run" : "clear"; // a run writes the results files too
        switch (kind) {
          case "yaml" -> {
            mutation =
                random.nextInt(3) > 0
                    ? mutator.number(SCENARIO, Mutator.BAD_NUMBERS)
                    : mutator.structural(SCENARIO);
            Files.writeString(caseDir.resolve("s.yaml"), mutation.text());
            args.addAll(List.of(command, caseDir.resolve("s.yaml").toString()));
          }
          case "set" -> {
            if (random.nextInt(4) == 0) {
              String set = mutator.pick(BAD_SETS);
              mutation = new Mutation(set, "--set " + set, true);
            } else {
              String path = mutator.pick(new ArrayList<>(SET_PATHS.keySet()));
              boolean bad = SET_PATHS.get(path) && random.nextBoolean();
              String value =
                  bad ? mutator.pick(Mutator.BAD_NUMBERS) : mutator.pick(Mutator.ODD_VALUES);
              mutation = new Mutation(path + "=" + value, "--set " + path + "=" + value, bad);
            }
            args.addAll(
                List.of(command, dir.resolve("base.yaml").toString(), "--set", mutation.text()));
          }
          case "csv-load", "csv-price" -> {
            boolean nulPath = random.nextInt(20) == 0; // a path no file system takes
            Files.writeString(
                caseDir.resolve("s.yaml"),
                nulPath
                    ? CSV_SCENARIO.replace("path: prices.csv", "path: \"pri\\0ces.csv\"")
                    : CSV_SCENARIO);
            String load = column("load", r -> 0.3 + 0.05 * (r % 7));
            String prices = column("price", r -> r < 17 ? 0.25 : 0.4);
            String target = kind.equals("csv-load") ? load : prices;
            mutation = csvMutation(mutator, random, target);
            Files.writeString(
                caseDir.resolve("load_ka.csv"), kind.equals("csv-load") ? mutation.text() : load);
            Files.writeString(caseDir.resolve("load_kb.csv"), load);
            Files.writeString(
                caseDir.resolve("prices.csv"), kind.equals("csv-price") ? mutation.text() : prices);
            args.addAll(List.of(command, caseDir.resolve("s.yaml").toString()));
            if (nulPath) {
              mutation =
                  new Mutation(
                      mutation.text(), mutation.description() + ", price path with NUL", true);
            }
          }
          default -> {
            mutation =
                switch (random.nextInt(4)) {
                  case 0 ->
                      new Mutation(
                          GAME + mutator.pick(List.of("}", "x", "{}", "[1]", "1")),
                          "trailing garbage",
                          true);
                  case 1 -> mutator.structural(GAME);
                  default -> {
                    Mutation m = mutator.number(GAME, Mutator.BAD_NUMBERS);
                    boolean finite =
                        m.description()
                            .matches(
                                ".*-> (1e300|-1e300|18446744073709551617"
                                    + "|-9223372036854775809|99999999999999999999999)$"); // finite
                    // doubles: a valid game
                    yield new Mutation(m.text(), m.description(), m.knownBad() && !finite);
                  }
                };
            Files.writeString(caseDir.resolve("g.json"), mutation.text());
            args.addAll(List.of("game", caseDir.resolve("g.json").toString()));
          }
        }
        if (args.get(0).equals("run")) {
          args.addAll(List.of("--out", caseDir.resolve("out").toString()));
        }
        Outcome outcome = runCli(executor, args);
        int[] counts = exits.computeIfAbsent(kind, k -> new int[4]);
        counts[outcome.exit() == 0 ? 0 : outcome.exit() == 1 ? 1 : outcome.exit() == 2 ? 2 : 3]++;
        String problem = null;
        if (outcome.exit() != 0 && outcome.exit() != 2) {
          problem = "exit " + outcome.exit() + ": " + head(outcome.err());
        } else if (mutation.knownBad() && outcome.exit() != 2) {
          problem = "known-bad input accepted (exit " + outcome.exit() + ")";
        }
        if ((i + 1) % 1000 == 0) { // progress of long runs, on the real stdout
          stdout.printf(
              "fuzz: %d of %d CLI inputs, %d failures so far%n", i + 1, COUNT, failures.size());
        }
        if (problem != null) {
          stdout.println(
              "fuzz failure: case " + i + ": " + mutation.description() + ": " + problem);
          failures.add(
              new Failure(
                  kind,
                  "case " + i + ": " + mutation.description() + " | " + String.join(" ", args),
                  problem));
          if (outcome.exit() == -1) {
            executor.shutdownNow(); // the hung thread keeps running; start a fresh one
            executor =
                Executors.newSingleThreadExecutor(
                    r -> {
                      Thread thread = new Thread(r, "fuzz-cli");
                      thread.setDaemon(true);
                      return thread;
                    });
          }
        }
      }
    } finally {
      executor.shutdownNow();
      System.setOut(stdout);
      System.setErr(stderr);
    }
    StringBuilder summary =
        new StringBuilder(
            "fuzz seed " + SEED + ", " + COUNT + " CLI inputs; exits per kind [0, 1, 2, other]:");
    exits.forEach(
        (kind, c) ->
            summary.append(String.format(" %s [%d, %d, %d, %d]", kind, c[0], c[1], c[2], c[3])));
    System.out.println(summary);
    assertThat(failures).as(summary.toString()).isEmpty();
  }

  private Mutation csvMutation(Mutator mutator, RandomGenerator random, String csv) {
    return switch (random.nextInt(6)) {
      case 0 -> new Mutation(csv.replaceFirst("^(\\w+)", "$1,$1"), "duplicate header", true);
      case 1 -> new Mutation(csv.replaceFirst("\n(\\S+)\n", "\n\"$1\n"), "unclosed quote", true);
      case 2 ->
          new Mutation(
              csv.replaceAll("(?m)^", "1,").replaceFirst("^1,", ","),
              "unnamed index column",
              false);
      case 3 -> mutator.structural(csv);
      default -> mutator.number(csv, Mutator.BAD_NUMBERS);
    };
  }

  private static String column(String header, java.util.function.IntToDoubleFunction value) {
    StringBuilder csv = new StringBuilder(header).append('\n');
    for (int r = 0; r < 24; r++) {
      csv.append(value.applyAsDouble(r)).append('\n');
    }
    return csv.toString();
  }

  private static Outcome runCli(ExecutorService executor, List<String> args)
      throws InterruptedException {
    StringWriter err = new StringWriter();
    CommandLine cli = EquigridCommand.commandLine();
    cli.setOut(new PrintWriter(new StringWriter()));
    cli.setErr(new PrintWriter(err));
    Future<Integer> exit =
        executor.submit(() -> EquigridCommand.execute(cli, args.toArray(String[]::new)));
    try {
      return new Outcome(exit.get(TIMEOUT_SECONDS, TimeUnit.SECONDS), err.toString());
    } catch (TimeoutException e) {
      exit.cancel(true);
      return new Outcome(-1, "no answer within " + TIMEOUT_SECONDS + " s (hang)");
    } catch (java.util.concurrent.ExecutionException e) {
      return new Outcome(-2, "escaped the command line: " + e.getCause());
    }
  }

  private static String head(String text) {
    String[] lines = text.strip().split("\n");
    return String.join(" / ", java.util.Arrays.asList(lines).subList(0, Math.min(3, lines.length)));
  }

  // --- message content -------------------------------------------------------------------------

  static final Message.BatterySpec BATTERY = new Message.BatterySpec(10, 5, 0.95, 0.95, 1, 10);
  static final Message.EvSpec EV = new Message.EvSpec(1.5, 2.0, 0, 2);
  static final List<Message.ApplianceSpec> APPLIANCES =
      List.of(new Message.ApplianceSpec(1.0, 1.0, 0, 2));

  /** An ADMM or decomposition answer with an EV's charge and an appliance's start. */
  static final Answer.Schedule FLEX_SCHEDULE =
      new Answer.Schedule(
          new double[] {1, 0},
          new double[] {0, 0.5},
          new double[2],
          new double[2],
          new double[2],
          new double[2],
          new double[2],
          new double[2],
          new double[] {1.5, 0},
          new int[] {1});

  /** A roster refusal of a join's flexible demand: the field, its value and the expected one. */
  private static final java.util.regex.Pattern FLEX_DIFFERENCE =
      java.util.regex.Pattern.compile("(ev|appliance #\\d+)[ .]\\S.*, expected .+");

  /** The registration of every fuzzed bid, with the flexible demand the bid offers. */
  static final Message.JoinRequest JOIN =
      new Message.JoinRequest("h1", "PROSUMER", "LOW", 40, 4, BATTERY, EV, APPLIANCES, 10, 10);

  @Test
  void fuzz_messageContent_contentErrorOrCheckedRefusalNeverUncheckedException() {
    RandomGenerator random = RandomGeneratorFactory.of("L64X128MixRandom").create(SEED);
    Mutator mutator = new Mutator(random);
    double[] p = {0.2, 0.3};
    Message.Schedule schedule = new Message.Schedule(p, p, p, p, p, p, p);
    List<String> corpus = new ArrayList<>();
    for (Message m :
        List.of(
            JOIN,
            new Message.JoinAccepted("h1", 3),
            new Message.CallForProposals(
                1, 3, 120, 1.0, p, new double[] {0.05, 0.05}, 0.1, 3600, "CENTRAL"),
            new Message.Bid(
                "h1",
                0,
                new double[] {1, 2},
                new double[] {0, 0.5},
                4,
                BATTERY,
                5,
                EV,
                APPLIANCES,
                10,
                10,
                0.3,
                0.1,
                "truthful"),
            new Message.Acceptance(3, schedule, p),
            new Message.Rejection(3, "late"),
            new Message.SettlementInform(3, "h1", 1.2, 1.5, 0.3, 1.2, "You saved 0.30 EUR."),
            new Message.PricesAnnouncement(3, 2, p, 7200),
            new Message.NetProfileBid(
                "h1", 0, 2, new double[] {1, -1}, p, p, List.of(4, 7), null, "truthful", "optimal"),
            // the tâtonnement's answer with flexible demand (protocol version 6)
            new Message.NetProfileBid(
                "h1",
                0,
                2,
                new double[] {2.5, -1},
                p,
                p,
                List.of(4, 7),
                new double[] {1.5, 0},
                "truthful",
                "optimal"),
            new Message.EquityMetrics(
                3,
                124,
                0.31,
                0.22,
                0.045,
                0.02,
                0.1,
                Map.of("HIGH", -0.01, "LOW", 0.02),
                Map.of("HIGH", 0.1, "LOW", -0.1),
                Map.of("HIGH", 0.7, "LOW", 1.4),
                Map.of("HIGH", 1.2, "LOW", 0.9),
                0.02,
                -0.1,
                Map.of("HIGH", 0.6, "LOW", 1.4),
                7500),
            new Message.NextWeights(0, Map.of("HIGH", 0.8, "LOW", 1.2)),
            new Message.ProximalPricesCall(
                3, 1, new Signal.ProximalPrices(p, p, 0.5, 1.2, p, 0.1), 7200),
            new Message.ColumnPricesCall(
                3,
                1,
                new Signal.ColumnPrices(
                    p,
                    p,
                    p,
                    p,
                    new boolean[] {true, false},
                    new byte[2],
                    new byte[2],
                    true,
                    new int[] {1}),
                7200),
            new Message.ScheduleBid("h1", 0, 1, FLEX_SCHEDULE, "truthful"),
            // the decomposition's preamble answer (protocol version 7: with the strategy)
            new Message.IdleNetLoad("h1", 0, new double[] {1.5, -0.5}, "truthful"),
            new Message.Problem("why"))) {
      corpus.add(MessageCodec.encode(m));
    }
    int count = Math.max(COUNT * 4, 1000);
    List<String> failures = new ArrayList<>();
    int decoded = 0;
    int flexJoinsRefused = 0;
    int scheduleAnswersChecked = 0;
    for (int i = 0; i < count; i++) {
      String content = corpus.get(i % corpus.size());
      Mutation mutation =
          switch (random.nextInt(5)) {
            case 0 -> mutator.structural(content);
            case 1 ->
                new Mutation(
                    content.replaceFirst(
                        "\""
                            + mutator.pick(
                                List.of(
                                    "loadKwh",
                                    "pvKwh",
                                    "battery",
                                    "ev",
                                    "appliances",
                                    "arrivalHour",
                                    "householdId",
                                    "weights",
                                    "flexKwh",
                                    "applianceStarts",
                                    "floorTargetSaving",
                                    "day",
                                    "type",
                                    "v"))
                            + "\":",
                        "\"ignored\":"),
                    "field renamed",
                    false);
            case 2 ->
                new Mutation(
                    content.replaceFirst(
                        ":\\[[^\\]]*\\]",
                        ":"
                            + mutator.pick(
                                List.of(
                                    "null", "{}", "\"x\"", "[null]", "[1e400]", "[[1]]", "[]"))),
                    "array replaced",
                    false);
            case 3 -> new Mutation("[".repeat(2000 + mutator.nextInt(3000)), "deep nesting", true);
            default -> mutator.number(content, Mutator.BAD_NUMBERS);
          };
      try {
        Message message = MessageCodec.decode(mutation.text());
        decoded++;
        Optional<String> refusal = check(message);
        if (message instanceof Message.JoinRequest && refusal.isPresent()) {
          // A clear refusal: a value check's kind, or the flexible-demand field that differs.
          if (FLEX_DIFFERENCE.matcher(refusal.get()).lookingAt()) {
            flexJoinsRefused++;
          } else if (!refusal.get().startsWith(ReceiptCheck.BAD_JOIN + ": ")
              && !refusal.get().startsWith(ReceiptCheck.BAD_VALUE + ": ")) {
            failures.add("case " + i + ": unclear join refusal " + refusal.get());
          }
        }
        if (message instanceof Message.ScheduleBid) {
          scheduleAnswersChecked++;
        }
        if (mutation.description().equals("deep nesting")) {
          failures.add("case " + i + ": deep nesting decoded");
        }
      } catch (ContentException expected) {
        // NOT_UNDERSTOOD with the reason: the contract
      } catch (RuntimeException e) {
        failures.add(
            "case "
                + i
                + " ("
                + mutation.description()
                + "): "
                + e
                + " for "
                + abbreviate(mutation.text()));
      }
    }
    System.out.println(
        "fuzz seed "
            + SEED
            + ", "
            + count
            + " message contents, "
            + decoded
            + " decoded, "
            + flexJoinsRefused
            + " joins refused for other flexible demand, "
            + scheduleAnswersChecked
            + " schedule answers (with flexible demand) checked");
    assertThat(flexJoinsRefused).as("the fuzz reaches the join's flexible demand").isPositive();
    assertThat(scheduleAnswersChecked)
        .as("the fuzz reaches the schedule answers' receipt check")
        .isPositive();
    assertThat(failures).isEmpty();
  }

  /** The receipt checks a coordinator runs on a decoded message; they answer, never throw. */
  private static Optional<String> check(Message message) {
    if (message instanceof Message.JoinRequest join) {
      // As the scenario roster: valid on its own, then the same flexible demand as registered.
      return ReceiptCheck.join(join).or(() -> ReceiptCheck.flexDifference(join, JOIN));
    } else if (message instanceof Message.Bid bid) {
      return ReceiptCheck.bid(bid, JOIN, 0, 2, 1.0);
    } else if (message instanceof Message.NetProfileBid bid) {
      return ReceiptCheck.netProfile(bid, JOIN, 0, 2);
    } else if (message instanceof Message.EquityMetrics metrics) {
      return ReceiptCheck.equityMetrics(metrics);
    } else if (message instanceof Message.ScheduleBid bid) {
      // As the coordinator of an ADMM round: the answer a proximal call asks for, two intervals.
      double[] p = {0.2, 0.3};
      return ReceiptCheck.scheduleBid(
          bid, "h1", 0, 1, new Signal.ProximalPrices(p, p, 0.5, 1.0, p), 2);
    } else if (message instanceof Message.IdleNetLoad net) {
      return ReceiptCheck.idleNetLoad(net, "h1", 0, 2);
    } else if (message instanceof Message.NextWeights weights) {
      return ReceiptCheck.nextWeights(weights, 0, Set.of("LOW", "HIGH"), 0.5, 2.0);
    }
    return Optional.empty();
  }

  private static String abbreviate(String text) {
    return text.length() <= 160 ? text : text.substring(0, 160) + "...";
  }
}
