package org.equigrid.experiments.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import org.equigrid.agents.coordinator.MarketMode;
import org.equigrid.agents.household.HouseholdScheduler;
import org.equigrid.agents.household.HouseholdSetup;
import org.equigrid.agents.platform.PeripheralContainer;
import org.equigrid.agents.platform.PlatformOptions;
import org.equigrid.agents.platform.RunSecret;
import org.equigrid.agents.platform.ScenarioAgents;
import org.equigrid.agents.platform.ScenarioRun;
import org.equigrid.agents.protocol.Message.SettlementInform;
import org.equigrid.agents.protocol.ProtocolObserver;
import org.equigrid.config.Scenario;
import org.equigrid.experiments.output.ResultsWriter;
import org.equigrid.experiments.run.AgentRunner;
import org.equigrid.market.model.Household;
import org.equigrid.market.settlement.SettlementOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code equigrid platform}: a JADE platform over several JVMs or machines. */
@Command(
    name = "platform",
    mixinStandardHelpOptions = true,
    description = "Run a scenario with households in several JVMs or machines (JADE containers).",
    subcommands = {PlatformCommand.Main.class, PlatformCommand.Join.class})
final class PlatformCommand implements Runnable {

  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }

  /** {@code equigrid platform main}. */
  @Command(
      name = "main",
      mixinStandardHelpOptions = true,
      description =
          "Start the main container with the coordinator, wait for the scenario's households to join "
              + "(hosting here those not joined after --wait-seconds), run the days and write the results.")
  static final class Main implements Callable<Integer> {

    @Mixin ScenarioOptions scenarioOptions;

    @Option(
        names = "--host",
        description =
            "Address to bind and advertise (default 127.0.0.1: this machine only)."
                + " Another address exposes the platform to that network: joins are authenticated, traffic is not"
                + " encrypted.")
    String host = "127.0.0.1";

    @Option(
        names = "--secret-file",
        paramLabel = "FILE",
        description =
            "Where to write the run secret (mode"
                + " 0600) that every 'platform join' needs (default: next to the output folder, <out>.secret).")
    Path secretFile;

    @Option(names = "--port", description = "Port of the main container (default 1099).")
    int port = 1099;

    @Option(
        names = "--local",
        paramLabel = "FROM-TO",
        description =
            "Households hosted here from the start (1-based "
                + "indices into the sorted households); the others are expected from 'platform join'.")
    String local;

    @Option(
        names = "--wait-seconds",
        description =
            "How long to wait for remote households before hosting the "
                + "missing ones here (default 120).")
    long waitSeconds = 120;

    @Option(names = "--days", description = "Number of trading days (overrides horizon.days).")
    Integer days;

    @Option(
        names = "--out",
        description = "Output folder (default: runs/<scenario>-seed<seed>-platform).")
    Path out;

    @Override
    public Integer call() throws Exception {
      Scenario scenario = scenarioOptions.read(days);
      if (port < 1 || port > 65_535 || waitSeconds < 0) {
        throw new BadInputException(
            "--port ("
                + port
                + ") must be in 1..65535 and --wait-seconds ("
                + waitSeconds
                + ") >= 0. Maybe you meant --port 1099.");
      }
      Set<String> remote =
          new java.util.TreeSet<>(scenario.households().stream().map(Household::id).toList());
      if (local != null) {
        remote.removeAll(range(scenario, local));
      }
      Path dir =
          out != null
              ? out
              : Path.of("runs", scenario.name() + "-seed" + scenario.seed() + "-platform");
      try (OutputFolder folder =
          OutputFolder.claim(
              dir,
              OutputFolder.estimateBytes(
                  scenario.households().size(), scenario.days(), scenario.intervalsPerDay()))) {
        return serve(scenario, remote, dir);
      }
    }

    private int serve(Scenario scenario, Set<String> remote, Path dir) throws Exception {
      PrintStream err = System.err;
      RunSecret secret = RunSecret.generate();
      Path secretPath = secretFile != null ? secretFile : Path.of(dir.toAbsolutePath() + ".secret");
      secret.write(secretPath);
      err.printf(
          Locale.ROOT,
          "run secret %s written to %s (mode 0600); joiners need it: --secret-file FILE or"
              + " the environment variable %s%n",
          secret.fingerprint(),
          secretPath.toAbsolutePath(),
          RunSecret.ENVIRONMENT);
      err.printf(
          Locale.ROOT,
          "scenario fingerprint %s (a joiner must read the same scenario, --set and --seed)%n",
          ScenarioAgents.fingerprint(scenario));
      ScenarioRun.Options options =
          RunCommand.agentOptions(MarketMode.CENTRAL, SettlementOptions.defaults())
              .withPlatform(new PlatformOptions(host, port, "equigrid", 60_000, 3_600_000, secret))
              .withRemote(remote, waitSeconds * 1000);
      AgentRunner.Outcome outcome =
          new AgentRunner(
                  options,
                  (finished, total, day, seconds) ->
                      err.printf(
                          Locale.ROOT,
                          "  day %d/%d  gain %.2f EUR  (%.1f s)%n",
                          finished,
                          total,
                          day.metrics().community().cooperativeGainEur(),
                          seconds),
                  null,
                  platform ->
                      err.printf(
                          Locale.ROOT,
                          "main container listening on %s:%d only (authenticated JICP); waiting up to %d s for %d households:"
                              + " equigrid platform join %s:%d %s --households FROM-TO --secret-file %s%n",
                          platform.host(),
                          platform.port(),
                          waitSeconds,
                          remote.size(),
                          platform.host(),
                          platform.port(),
                          scenarioOptions.scenario,
                          secretPath))
              .runWritingResults(
                  scenario, dir, new ResultsWriter(VersionProvider.version())); // day by day
      err.printf(
          Locale.ROOT,
          "%d households joined from other containers%n",
          outcome.agents().remote().size());
      outcome
          .agents()
          .refusedJoins()
          .forEach(
              (id, reason) -> err.printf(Locale.ROOT, "  refused join: %s (%s)%n", id, reason));
      AgentRunner.printStandalone(err, outcome.agents());
      AgentRunner.recordStandalone(dir, outcome.agents());
      System.out.println(dir.toAbsolutePath());
      return 0;
    }
  }

  /** {@code equigrid platform join}. */
  @Command(
      name = "join",
      mixinStandardHelpOptions = true,
      description =
          "Start a container joining HOST:PORT with a range of the scenario's households; print their "
              + "settlements and exit after the last day.")
  static final class Join implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "HOST:PORT", description = "The main container.")
    String address;

    @Parameters(
        index = "1",
        paramLabel = "SCENARIO",
        description = "The same scenario file or name as the main's.")
    String scenarioName;

    @Option(
        names = "--seed",
        description = "Seed of the run (overrides the scenario's seed; use the main's).")
    Long seed;

    @Option(
        names = "--set",
        paramLabel = "PATH=VALUE",
        description = "Override a scenario field like the main.")
    Map<String, String> overrides = new java.util.LinkedHashMap<>();

    @Option(
        names = "--households",
        required = true,
        paramLabel = "FROM-TO",
        description = "1-based indices into the scenario's households sorted by id, e.g. 3-5.")
    String households;

    @Option(
        names = "--local-host",
        description = "Address this container binds to (default 127.0.0.1).")
    String localHost = "127.0.0.1";

    @Option(names = "--days", description = "Number of trading days (overrides horizon.days).")
    Integer days;

    @Option(
        names = "--strategy",
        paramLabel = "ID=STRATEGY",
        description =
            "A hosted household's bidding strategy: "
                + "truthful, withhold-flexibility, inflate-peak or noisy-forecast (repeatable).")
    Map<String, String> strategies = new java.util.LinkedHashMap<>();

    @Option(
        names = "--secret-file",
        paramLabel = "FILE",
        description =
            "The run secret written by 'platform main'."
                + " Without it, the environment variable "
                + RunSecret.ENVIRONMENT
                + " is read (its 64 hex digits).")
    Path secretFile;

    @Option(
        names = "--timeout-seconds",
        description =
            "Give up after this long without the last day's settlements " + "(default 3600).")
    long timeoutSeconds = 3600;

    @Override
    public Integer call() throws Exception {
      int colon = address.lastIndexOf(':');
      int port;
      try {
        port = Integer.parseInt(address.substring(colon + 1));
      } catch (NumberFormatException | StringIndexOutOfBoundsException e) {
        port = -1;
      }
      if (colon < 1 || port < 1 || port > 65_535) {
        throw new BadInputException(
            "'"
                + address
                + "' must be HOST:PORT of the main container. Maybe you meant "
                + "127.0.0.1:1099.");
      }
      String host = address.substring(0, colon);
      RunSecret secret = secret(secretFile);
      // The strategies stay with the JVM hosting the household: the scenario's days are read here
      // too.
      ScenarioOptions scenarioOptions = new ScenarioOptions();
      scenarioOptions.scenario = scenarioName;
      scenarioOptions.seed = seed;
      scenarioOptions.overrides = overrides;
      Scenario scenario = scenarioOptions.read(days);
      List<String> ids = range(scenario, households);
      var parsed = RunCommand.parseStrategies(scenario, strategies);
      java.util.Set<String> hosted = new java.util.HashSet<>(ids);
      List<HouseholdSetup> setups =
          ScenarioAgents.setups(scenario, parsed).stream()
              .filter(s -> hosted.contains(s.household().id()))
              .toList();
      PrintStream err = System.err;
      err.printf(
          Locale.ROOT,
          "joining %s with %d households (%s..%s)%n",
          address,
          ids.size(),
          ids.get(0),
          ids.get(ids.size() - 1));
      PeripheralContainer joined;
      try {
        joined =
            PeripheralContainer.join(
                host,
                port,
                localHost,
                "households-" + households.trim(),
                setups,
                HouseholdScheduler.standard(),
                ProtocolObserver.none(),
                secret,
                ScenarioAgents.fingerprint(scenario));
      } catch (IllegalStateException e) {
        throw new BadInputException(e.getMessage());
      }
      try (PeripheralContainer container = joined) {
        long end = System.nanoTime() + timeoutSeconds * 1_000_000_000L;
        boolean complete = false;
        while (!complete && System.nanoTime() < end) {
          // The refusals once a pass, not once per household (5,000 households: 25 million reads).
          Map<String, String> refusedSoFar = container.refusedJoins();
          List<String> accepted = ids.stream().filter(id -> !refusedSoFar.containsKey(id)).toList();
          if (accepted.isEmpty()) {
            break;
          }
          complete = container.awaitSettlements(scenario.days() - 1, accepted, 1_000);
        }
        Map<String, String> refused = container.refusedJoins();
        refused.forEach(
            (id, reason) -> err.printf(Locale.ROOT, "%s: join refused: %s%n", id, reason));
        if (!refused.isEmpty() && refused.size() == ids.size()) {
          throw new BadInputException(
              "the main refused every household of this container (reasons above)");
        }
        for (Map.Entry<String, List<SettlementInform>> e :
            container.settlementsReceived().entrySet()) {
          for (SettlementInform s : e.getValue()) {
            System.out.printf(
                Locale.ROOT,
                "day %d  %s  bill %.6f EUR  share %.6f EUR%n",
                s.day(),
                e.getKey(),
                s.billEur(),
                s.shareEur());
          }
        }
        if (!complete) {
          err.printf(
              Locale.ROOT,
              "not every household got its settlement of day %d within %d s%n",
              scenario.days() - 1,
              timeoutSeconds);
          return EquigridCommand.EXIT_INTERNAL_ERROR;
        }
      }
      return 0;
    }
  }

  /** The run secret from {@code --secret-file} or the environment; bad input without one. */
  static RunSecret secret(Path file) throws BadInputException {
    try {
      if (file != null) {
        return RunSecret.read(file);
      }
      String env = System.getenv(RunSecret.ENVIRONMENT);
      if (env == null) {
        throw new BadInputException(
            "the run secret is missing: pass --secret-file FILE (written by 'platform main')"
                + " or set "
                + RunSecret.ENVIRONMENT
                + ".");
      }
      return RunSecret.parse(env, RunSecret.ENVIRONMENT);
    } catch (java.io.IOException e) {
      throw new BadInputException(
          "--secret-file " + file + ": cannot read it (" + e.getMessage() + ")");
    } catch (IllegalArgumentException e) {
      throw new BadInputException(e.getMessage());
    }
  }

  static List<String> range(Scenario scenario, String fromTo) throws BadInputException {
    try {
      return ScenarioAgents.range(scenario, fromTo);
    } catch (IllegalArgumentException e) {
      throw new BadInputException("--households: " + e.getMessage());
    }
  }
}
