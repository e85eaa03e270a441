package org.equigrid.experiments.bench;

import com.google.ortools.Loader;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Function;
import org.equigrid.config.Scenario;
import org.equigrid.config.ScenarioReader;
import org.equigrid.experiments.cli.BadInputException;
import org.equigrid.experiments.output.NegotiationCsv;
import org.equigrid.experiments.report.HtmlReport;
import org.equigrid.market.clearing.ClearedDay;
import org.equigrid.market.clearing.ClearingRequest;
import org.equigrid.market.clearing.CoalitionSolver;
import org.equigrid.market.clearing.MarketClearing;
import org.equigrid.market.clearing.SolverReport;
import org.equigrid.market.model.EquitySettings;
import org.equigrid.market.model.TradingDay;
import org.equigrid.market.negotiation.AdmmFloor;
import org.equigrid.market.negotiation.AdmmSettings;
import org.equigrid.market.negotiation.Answer;
import org.equigrid.market.negotiation.Decomposition;
import org.equigrid.market.negotiation.ExchangeAdmm;
import org.equigrid.market.negotiation.LocalHousehold;
import org.equigrid.market.negotiation.Mechanism;
import org.equigrid.market.negotiation.Negotiation;
import org.equigrid.market.negotiation.NegotiationLog;
import org.equigrid.market.negotiation.NegotiationName;
import org.equigrid.market.negotiation.NegotiationSession;
import org.equigrid.market.negotiation.RoundRecord;
import org.equigrid.market.negotiation.Signal;
import org.equigrid.market.negotiation.Tatonnement;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code equigrid bench negotiation}: each mechanism negotiates a day in process (the households'
 * own solves as {@link LocalHousehold}s, no agent platform) against the central optimum of the same
 * objective (weights and Rawlsian floor with {@code --weighted}; its LP relaxation, what ADMM
 * converges to, printed beside it): rounds, messages, wall time and the gap, plus {@code
 * negotiation.csv} with every round and {@code report.html} drawing it (convergence by round).
 */
@Command(
    name = "negotiation",
    mixinStandardHelpOptions = true,
    description =
        "Negotiate one day (--day, default 0) of generated communities of the given sizes with each mechanism, in process:"
            + " rounds, messages, wall seconds and the gap to the central optimum of the same objective; every round"
            + " goes to negotiation.csv in --out, drawn by round in report.html.")
final class NegotiationBench implements Callable<Integer> {

  @Option(
      names = "--sizes",
      split = ",",
      paramLabel = "N",
      description = "Community sizes (default 10,100).")
  List<Integer> sizes = List.of(10, 100);

  @Option(
      names = "--mechanisms",
      split = ",",
      paramLabel = "NAME",
      completionCandidates = MechanismNames.class,
      description = "Mechanisms (default all: ${COMPLETION-CANDIDATES}).")
  List<String> mechanisms = MechanismNames.keys();

  /** {@link NegotiationName}'s keys, for the default and the help text. */
  static final class MechanismNames implements Iterable<String> {
    static List<String> keys() {
      return Arrays.stream(NegotiationName.values()).map(NegotiationName::key).toList();
    }

    @Override
    public Iterator<String> iterator() {
      return keys().iterator();
    }
  }

  @Option(
      names = "--weighted",
      description = "The scenario's weights and Rawlsian floor" + " instead of cost minimisation.")
  boolean weighted;

  @Option(
      names = "--price-and-branch",
      description =
          "Decomposition of a weighted objective (--weighted): the households answer their exact"
              + " MILP and the run ends with the restricted master as an integer program (SCIP) and"
              + " diving passes, instead of the relaxed columns and rounding passes.")
  boolean priceAndBranch;

  @Option(
      names = "--day",
      paramLabel = "D",
      description =
          "The day to negotiate (default 0), from the scenario's initial states of charge.")
  int dayIndex;

  @Option(
      names = "--days",
      paramLabel = "K",
      description =
          "Negotiate K consecutive days from --day (default 1), each from the scenario's initial"
              + " states of charge.")
  int days = 1;

  @Option(
      names = "--tolerance",
      paramLabel = "GAP",
      description =
          "The decomposition's certified-gap stop (default 1e-3; 0: to the master's precision).")
  double tolerance = 1e-3;

  @Option(
      names = "--scenario",
      paramLabel = "SCENARIO",
      description =
          "Scenario whose community recipe, tariff and equity are used (default s5-p2p-static-equity).")
  String scenario = "s5-p2p-static-equity";

  @Option(
      names = "--out",
      paramLabel = "DIR",
      description =
          "Folder of negotiation.csv and report.html (default results/bench-negotiation).")
  Path out = Path.of("results", "bench-negotiation");

  @Mixin AdmmFlags admmFlags = new AdmmFlags();

  /** CPU time of the whole process (every thread, the households' parallel solves included), ns. */
  private static long processCpuNanos() {
    return ManagementFactory.getOperatingSystemMXBean()
            instanceof com.sun.management.OperatingSystemMXBean os
        ? os.getProcessCpuTime()
        : 0;
  }

  @Override
  public Integer call() throws Exception {
    if (dayIndex < 0 || days < 1 || !(tolerance >= 0 && tolerance < 1)) {
      System.err.println(
          "equigrid bench negotiation: --day ("
              + dayIndex
              + ") must be >= 0, --days ("
              + days
              + ") >= 1 and --tolerance ("
              + tolerance
              + ") in [0, 1)");
      return 2;
    }
    List<NegotiationName> names = new ArrayList<>();
    for (String m : mechanisms) {
      names.add(
          NegotiationName.parse(m)
              .orElseThrow(
                  () ->
                      new BadInputException(
                          "--mechanisms: "
                              + m
                              + " is not a mechanism. Maybe you meant one of "
                              + NegotiationName.allowed()
                              + "?")));
    }
    // The flags on the defaults first (no scenario read for a bad flag), then on the scenario's.
    admmFlags.onOrBadInput(AdmmSettings.defaults());
    AdmmSettings admm =
        admmFlags.onOrBadInput(ScenarioReader.read(ClearingBenchCommand.resolve(scenario)).admm());
    Loader.loadNativeLibraries();
    System.out.printf(
        Locale.ROOT,
        "equigrid bench negotiation: %s, %s, %d cores, load average %.2f%n",
        scenario,
        weighted ? "weighted" : "cost-minimising",
        Runtime.getRuntime().availableProcessors(),
        ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    System.out.printf(
        Locale.ROOT,
        "%-4s %-6s %-14s %6s %9s %10s %8s %10s %14s %14s %14s %10s %s%n",
        "day",
        "n",
        "mechanism",
        "rounds",
        "messages",
        "wall s",
        "cpu s",
        "central cpu s",
        "objective EUR",
        "central EUR",
        "central LP EUR",
        "gap",
        "note");
    List<NegotiationLog> rows = new ArrayList<>();
    for (int n : sizes) {
      Map<String, String> overrides = new LinkedHashMap<>();
      overrides.put("community.generate.households", Integer.toString(n));
      overrides.put("horizon.days", Integer.toString(dayIndex + days));
      Scenario s = ScenarioReader.read(ClearingBenchCommand.resolve(scenario), overrides);
      NegotiationSession.AdmmMemory yesterday = null;
      for (int d = dayIndex; d < dayIndex + days; d++) {
        yesterday = negotiateDay(s, d, n, names, admm, yesterday, rows);
      }
    }
    Files.createDirectories(out);
    Files.writeString(out.resolve(NegotiationCsv.FILE_NAME), NegotiationCsv.csv(rows));
    System.out.println("wrote " + out.resolve(NegotiationCsv.FILE_NAME));
    System.out.println("wrote " + HtmlReport.write(out));
    return 0;
  }

  /** Day {@code d} of {@code s} from the scenario's initial states of charge. */
  private static TradingDay day(Scenario s, int d) {
    return s.day(d, s.initialSocKwh());
  }

  /**
   * Negotiates day {@code d} of {@code s} with each mechanism, adds its rounds to {@code rows} and
   * prints its line.
   *
   * @param admm ADMM's settings
   * @param yesterday where ADMM ended the day before (used with {@link AdmmSettings#warmStart}), or
   *     null
   * @return where ADMM ended this day (null if it did not run)
   */
  private NegotiationSession.AdmmMemory negotiateDay(
      Scenario s,
      int d,
      int n,
      List<NegotiationName> names,
      AdmmSettings admm,
      NegotiationSession.AdmmMemory yesterday,
      List<NegotiationLog> rows) {
    NegotiationSession.AdmmMemory today = null;
    TradingDay day = day(s, d);
    List<String> ids = day.households().stream().map(h -> h.id()).toList();
    CoalitionSolver solver = new CoalitionSolver(s.solverOptions());
    MarketClearing clearing = new MarketClearing(solver);
    EquitySettings equity = weighted ? s.equity() : EquitySettings.neutral();
    ClearedDay cleared = clearing.clear(day, equity, s.pricingRule());
    ClearingRequest request = clearing.dispatchRequest(cleared);
    long centralCpuStart = processCpuNanos();
    SolverReport centralReport = solver.solve(request).report();
    double central = centralReport.objectiveEur();
    double centralCpu = (processCpuNanos() - centralCpuStart) / 1e9;
    double epsilon = s.solverOptions().epsilonEur();
    AdmmFloor floor = AdmmFloor.of(request, epsilon);
    for (NegotiationName name : names) {
      Mechanism mechanism =
          switch (name) {
            case TATONNEMENT ->
                new Tatonnement(
                    Tatonnement.Settings.defaults(), day.tariff(), day.intervalHours(), n);
            case ADMM -> {
              ExchangeAdmm exchange =
                  new ExchangeAdmm(
                      admm,
                      day.tariff(),
                      day.intervalHours(),
                      request.weightByMember(),
                      request.poolPriceEurPerKwh(),
                      floor);
              yield admm.warmStart() && yesterday != null
                  ? exchange.startFrom(yesterday.forMembers(ids))
                  : exchange;
            }
            case DECOMPOSITION ->
                new Decomposition(request, s.solverOptions(), tolerance, priceAndBranch);
          };
      List<LocalHousehold> locals = new ArrayList<>();
      List<Function<Signal, Answer>> households = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        LocalHousehold h = new LocalHousehold(day, i);
        if (floor != null && floor.covers(i)) {
          h.withStandaloneCost(request.standaloneCostEur()[i], epsilon);
        }
        locals.add(h);
        households.add(h::answer);
      }
      long start = System.nanoTime();
      long cpuStart = processCpuNanos();
      Negotiation.Result result = Negotiation.run(mechanism, households, day.intervals());
      double wall = (System.nanoTime() - start) / 1e9;
      double cpu = (processCpuNanos() - cpuStart) / 1e9;
      locals.forEach(LocalHousehold::close);
      if (mechanism instanceof ExchangeAdmm exchange) {
        today = new NegotiationSession.AdmmMemory(ids, exchange.endState());
      }
      RoundRecord last = result.rounds().get(result.rounds().size() - 1);
      // What each awards: the master's optimum, the cheapest round's net profiles, ADMM's last
      // (restored) schedules.
      double objective =
          mechanism instanceof Decomposition dec
              ? dec.objectiveEur()
              : mechanism instanceof Tatonnement t ? t.bestCostEur() : last.objectiveEur();
      String objectiveName = weighted ? "weighted" : "cost";
      for (RoundRecord r : result.rounds()) {
        rows.add(
            new NegotiationLog(
                d,
                n,
                name == NegotiationName.ADMM ? admm.mechanismLabel() : name.key(),
                objectiveName,
                r,
                central));
      }
      System.out.printf(
          Locale.ROOT,
          "%-4d %-6d %-14s %6d %9d %10.2f %8.2f %10.2f %14.4f %14.4f %14.4f %9.4f%% %s%n",
          d,
          n,
          name.key(),
          result.rounds().size(),
          result.messages(),
          wall,
          cpu,
          centralCpu,
          objective,
          central,
          centralReport.lpBoundEur(),
          100 * (objective - central) / Math.max(Math.abs(central), 1.0),
          result.outcome().note());
    }
    return today;
  }
}
