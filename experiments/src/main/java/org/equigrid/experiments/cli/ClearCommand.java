package org.equigrid.experiments.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.equigrid.config.Scenario;
import org.equigrid.experiments.output.AtomicFiles;
import org.equigrid.market.clearing.ClearedDay;
import org.equigrid.market.clearing.ClearingRequest;
import org.equigrid.market.clearing.CoalitionSolver;
import org.equigrid.market.clearing.MarketClearing;
import org.equigrid.market.clearing.SolverReport;
import org.equigrid.market.model.TradingDay;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code equigrid clear}: one day's community clearing, reported as JSON, optionally as MPS. */
@Command(
    name = "clear",
    mixinStandardHelpOptions = true,
    description =
        "Clear one trading day of a scenario (batteries at their initial state of charge) and print "
            + "the solver outcome as JSON: status, objective, lpBound, gap, solveSeconds.")
final class ClearCommand implements Callable<Integer> {

  @Mixin ScenarioOptions scenarioOptions;

  @Option(names = "--day", description = "0-based day of the scenario (default 0).")
  int dayIndex;

  @Option(
      names = "--export-mps",
      paramLabel = "FILE",
      description = "Also write the community problem (the full MILP) in MPS format.")
  Path mpsFile;

  @Override
  public Integer call() throws Exception {
    Scenario scenario = scenarioOptions.read(null);
    if (dayIndex < 0 || dayIndex >= scenario.days()) {
      throw new BadInputException(
          "--day ("
              + dayIndex
              + ") must be in [0, "
              + (scenario.days() - 1)
              + "] for "
              + scenario.name()
              + ", which has "
              + scenario.days()
              + " days.");
    }
    ModelSize.check(scenario, "clear");
    TradingDay day = scenario.day(dayIndex, scenario.initialSocKwh());
    CoalitionSolver solver = new CoalitionSolver(scenario.solverOptions());
    MarketClearing clearing = new MarketClearing(solver);
    ClearedDay cleared = clearing.clear(day, scenario.equity(), scenario.pricingRule());
    SolverReport report = cleared.dispatch().report();
    if (mpsFile != null) {
      ClearingRequest request = clearing.dispatchRequest(cleared);
      AtomicFiles.write(mpsFile, solver.exportMps(request));
    }
    ObjectMapper mapper = new ObjectMapper();
    ObjectNode json = mapper.createObjectNode();
    json.put("scenario", scenario.name());
    json.put("day", dayIndex);
    json.put("households", day.householdCount());
    json.put("status", report.status().name());
    json.put("objective", report.objectiveEur());
    json.put("lpBound", report.lpBoundEur());
    json.put("gap", report.relativeGap());
    json.put("solveSeconds", report.solveSeconds());
    json.put("buildSeconds", report.buildSeconds());
    json.put("milpUsed", report.milpUsed());
    json.put("binaries", report.binaryCount());
    json.put("reason", report.reason());
    if (mpsFile != null) {
      json.put("mps", mpsFile.toString());
    }
    System.out.println(mapper.writeValueAsString(json));
    return 0;
  }
}
