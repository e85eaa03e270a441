package org.equigrid.experiments.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class GameCommandTest {

  @TempDir Path dir;

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    CommandLine cli = new CommandLine(new EquigridCommand());
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(err));
    return cli.execute(args);
  }

  @Test
  void game_gloveExample_printsShapleyCoreAndNucleolus() throws IOException {
    assertThat(run("game", "examples/games/glove.json")).isZero();
    JsonNode json = new ObjectMapper().readTree(out.toString());
    assertThat(json.get("shapley").get("left").asDouble()).isCloseTo(2.0 / 3, within(1e-11));
    assertThat(json.get("shapley").get("right2").asDouble()).isCloseTo(1.0 / 6, within(1e-11));
    assertThat(json.get("weightedShapley").get("left").asDouble())
        .isCloseTo(2.0 / 3, within(1e-11));
    assertThat(json.get("inCore").asBoolean()).isFalse();
    assertThat(json.get("mostViolated").get("coalition").asText()).isEqualTo("left,right1");
    assertThat(json.get("mostViolated").get("excess").asDouble()).isCloseTo(1.0 / 6, within(1e-11));
    assertThat(json.get("leastCoreEpsilon").asDouble()).isCloseTo(0, within(1e-9));
    assertThat(json.get("nucleolus").get("left").asDouble()).isCloseTo(1, within(1e-9));
    assertThat(json.get("nucleolus").get("right1").asDouble()).isCloseTo(0, within(1e-9));
    assertThat(json.fieldNames())
        .toIterable()
        .containsExactly(
            "shapley",
            "weightedShapley",
            "inCore",
            "mostViolated",
            "leastCoreEpsilon",
            "nucleolus");
  }

  @Test
  void game_weightedExample_matchesHandComputedValues() throws IOException {
    // Dividends: pairs 1.2, 2.4, 1.8; N: 4.2 − 5.4 = −1.2; weights 1.5, 1, 0.5.
    assertThat(run("game", "examples/games/weighted-three.json")).isZero();
    JsonNode json = new ObjectMapper().readTree(out.toString());
    assertThat(json.get("shapley").get("low").asDouble()).isCloseTo(1.4, within(1e-11));
    assertThat(json.get("shapley").get("middle").asDouble()).isCloseTo(1.1, within(1e-11));
    assertThat(json.get("shapley").get("high").asDouble()).isCloseTo(1.7, within(1e-11));
    assertThat(json.get("weightedShapley").get("low").asDouble()).isCloseTo(1.92, within(1e-11));
    assertThat(json.get("weightedShapley").get("middle").asDouble()).isCloseTo(1.28, within(1e-11));
    assertThat(json.get("weightedShapley").get("high").asDouble()).isCloseTo(1.0, within(1e-11));
    assertThat(json.get("inCore").asBoolean()).isTrue();
    assertThat(json.get("mostViolated").get("coalition").asText()).isEqualTo("low,high");
    assertThat(json.get("mostViolated").get("excess").asDouble()).isCloseTo(-0.7, within(1e-11));
    assertThat(json.get("leastCoreEpsilon").asDouble()).isCloseTo(-0.9, within(1e-9));
    assertThat(json.get("nucleolus").get("low").asDouble()).isCloseTo(1.35, within(1e-9));
    assertThat(json.get("nucleolus").get("middle").asDouble()).isCloseTo(0.9, within(1e-9));
    assertThat(json.get("nucleolus").get("high").asDouble()).isCloseTo(1.95, within(1e-9));
  }

  @Test
  void game_invalidFile_exitsTwoWithTheMessageOnStderr() throws IOException {
    Path file = dir.resolve("bad.json");
    Files.writeString(file, "{\"players\": [\"a\", \"b\"], \"values\": {\"a\": 1, \"b\": 0}}");
    assertThat(run("game", file.toString())).isEqualTo(2);
    assertThat(out.toString()).isEmpty();
    assertThat(err.toString()).contains(file.toString()).contains("coalition \"a,b\" is missing");
  }

  @Test
  void game_missingArgument_isAUsageError() {
    assertThat(run("game")).isEqualTo(2);
    assertThat(err.toString()).contains("FILE.json");
  }

  /**
   * A game of {@code n} players p0..p(n-1) where a coalition wins 1 when it lacks at most one
   * player.
   */
  static Path allButOneWin(Path dir, int n) throws IOException {
    StringBuilder json = new StringBuilder("{\"players\": [");
    for (int i = 0; i < n; i++) {
      json.append(i == 0 ? "" : ",").append("\"p").append(i).append('"');
    }
    json.append("], \"values\": {");
    for (int mask = 1; mask < 1 << n; mask++) {
      StringBuilder key = new StringBuilder();
      for (int i = 0; i < n; i++) {
        if ((mask >> i & 1) != 0) {
          key.append(key.length() == 0 ? "" : ",").append('p').append(i);
        }
      }
      json.append(mask == 1 ? "" : ",")
          .append('"')
          .append(key)
          .append("\":")
          .append(Integer.bitCount(mask) >= n - 1 ? 1 : 0);
    }
    Path file = dir.resolve("all-but-one-" + n + ".json");
    Files.writeString(file, json.append("}}"));
    return file;
  }

  @Test
  void game_seventeenPlayers_solvesShapleyAndLeastCoreWithoutNucleolus() throws IOException {
    // symmetric: Shapley 1/17 each; least core: coalitions of 16 have excess 1 - 16/17
    assertThat(run("game", allButOneWin(dir, 17).toString())).isZero();
    JsonNode json = new ObjectMapper().readTree(out.toString());
    assertThat(json.get("shapley").get("p16").asDouble()).isCloseTo(1.0 / 17, within(1e-11));
    assertThat(json.get("leastCoreEpsilon").asDouble()).isCloseTo(1.0 / 17, within(1e-9));
    assertThat(json.get("nucleolus").isNull()).isTrue();
  }

  @Test
  void game_valuesNearMinusTwoToThe63_shapleyWithLpNotesNotACrash() throws IOException {
    // found by the fuzzing harness: GLOP returns ABNORMAL on this game (was exit 1)
    Path file = dir.resolve("huge.json");
    Files.writeString(
        file,
        "{\"players\": [\"a\", \"b\", \"c\"], \"values\": {\"a\": 0, \"b\": 0,"
            + " \"c\": 0, \"a,b\": 2, \"a,c\": 1, \"b,c\": 1, \"a,b,c\": -9223372036854775809}}");
    assertThat(run("game", file.toString())).isZero();
    JsonNode json = new ObjectMapper().readTree(out.toString());
    assertThat(json.get("shapley").get("a").asDouble()).isFinite();
    if (json.get("nucleolus").isNull()) {
      assertThat(json.get("nucleolusNote").asText()).isNotEmpty();
    }
  }
}
