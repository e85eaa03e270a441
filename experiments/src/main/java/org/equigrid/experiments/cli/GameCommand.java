package org.equigrid.experiments.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.equigrid.config.game.GameFile;
import org.equigrid.config.game.GameFileException;
import org.equigrid.config.game.GameFileReader;
import org.equigrid.market.game.CoreCheck;
import org.equigrid.market.game.CoreReport;
import org.equigrid.market.game.Nucleolus;
import org.equigrid.market.game.ShapleyValue;
import org.equigrid.market.game.TabularGame;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code equigrid game FILE.json}: Shapley values, core check, least core and nucleolus. */
@Command(
    name = "game",
    mixinStandardHelpOptions = true,
    description = {
      "Solves a cooperative game given by every coalition's value and prints JSON: the Shapley"
          + " and weighted Shapley values, whether the Shapley value is in the core (with the most"
          + " violated coalition and its excess v(S) - x(S)), the least-core epsilon and the"
          + " nucleolus (up to "
          + GameCommand.MAX_NUCLEOLUS_PLAYERS
          + " players, else null).",
      "Numbers are rounded to 12 decimals. Exit codes: 0 success, 2 invalid file."
    })
public final class GameCommand implements Callable<Integer> {

  /** Above this many players the nucleolus is not computed. */
  static final int MAX_NUCLEOLUS_PLAYERS = 12;

  /** Starts the note of a least core or nucleolus the LP solver could not compute. */
  static final String LP_FAILED = "not computed, the LP solver failed: ";

  /** Exit code for an invalid game file. */
  static final int INVALID_INPUT = 2;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Parameters(index = "0", paramLabel = "FILE.json", description = "The game file.")
  Path file;

  @Override
  public Integer call() throws Exception {
    GameFile gameFile;
    try {
      gameFile = GameFileReader.read(file);
    } catch (GameFileException e) {
      spec.commandLine().getErr().println(e.getMessage());
      return INVALID_INPUT;
    }
    ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    PrintWriter out = spec.commandLine().getOut();
    out.println(mapper.writeValueAsString(solve(gameFile, mapper)));
    out.flush();
    return 0;
  }

  private static ObjectNode solve(GameFile gameFile, ObjectMapper mapper) {
    TabularGame game = gameFile.game();
    List<String> players = gameFile.players();
    int n = players.size();
    double scale = 1;
    for (double value : game.values()) {
      scale = Math.max(scale, Math.abs(value));
    }
    double[] shapley = ShapleyValue.shapley(game);
    double[] weighted = ShapleyValue.weightedShapley(game, gameFile.weightArray());
    CoreReport core = CoreCheck.check(game, shapley, 1e-9 * scale);

    ObjectNode root = mapper.createObjectNode();
    root.set("shapley", byPlayer(mapper, players, shapley));
    root.set("weightedShapley", byPlayer(mapper, players, weighted));
    root.put("inCore", core.inCore());
    ObjectNode violated = root.putObject("mostViolated");
    violated.put("coalition", gameFile.coalitionName(core.mostViolated()));
    violated.put("excess", rounded(core.maxExcess()));
    String leastCoreNote = null;
    if (n >= 2) {
      try {
        root.put("leastCoreEpsilon", rounded(Nucleolus.leastCore(game).epsilon()));
      } catch (IllegalStateException e) { // the LP solver gave up, e.g. on values near 1e19
        root.putNull("leastCoreEpsilon");
        leastCoreNote = LP_FAILED + e.getMessage();
      }
    } else {
      root.putNull("leastCoreEpsilon"); // no coalition besides N
    }
    if (leastCoreNote != null) {
      root.put("leastCoreNote", leastCoreNote);
    }
    double[] nucleolus = null;
    String note = null;
    if (n <= MAX_NUCLEOLUS_PLAYERS) {
      try {
        nucleolus = Nucleolus.nucleolus(game);
      } catch (IllegalArgumentException e) { // no imputation: the nucleolus is undefined
        note = e.getMessage();
      } catch (IllegalStateException e) {
        note = LP_FAILED + e.getMessage();
      }
    }
    root.set("nucleolus", nucleolus == null ? null : byPlayer(mapper, players, nucleolus));
    if (note != null) {
      root.put("nucleolusNote", note);
    }
    return root;
  }

  private static ObjectNode byPlayer(ObjectMapper mapper, List<String> players, double[] x) {
    ObjectNode node = mapper.createObjectNode();
    for (int i = 0; i < players.size(); i++) {
      node.put(players.get(i), rounded(x[i]));
    }
    return node;
  }

  /** Rounds away solver and summation noise; {@code -0.0} becomes {@code 0.0}. */
  static double rounded(double x) {
    if (!Double.isFinite(x)) {
      return x;
    }
    return BigDecimal.valueOf(x).setScale(12, RoundingMode.HALF_EVEN).doubleValue() + 0.0;
  }
}
