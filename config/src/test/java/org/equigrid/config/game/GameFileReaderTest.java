package org.equigrid.config.game;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GameFileReaderTest {

  private static final String VALUES =
      "\"a\": 0, \"b\": 0, \"c\": 0, \"a,b\": 2, \"a,c\": 1, \"b,c\": 1, \"a,b,c\": 6";

  @TempDir Path dir;

  @Test
  void read_validFile_givesPlayersWeightsAndValuesByMask() throws IOException {
    GameFile game =
        GameFileReader.read(
            write(
                "{\"players\": [\"a\", \"b\", \"c\"], \"weights\": {\"b\": 2},"
                    + " \"values\": {"
                    + VALUES
                    + "}}"));
    assertThat(game.players()).containsExactly("a", "b", "c");
    assertThat(game.weights()).containsExactly(1.0, 2.0, 1.0);
    assertThat(game.game().values()).containsExactly(0, 0, 0, 2, 0, 1, 1, 6);
    assertThat(game.coalitionName(0b101)).isEqualTo("a,c");
  }

  @Test
  void read_spacesAroundNames_areIgnored() throws IOException {
    GameFile game =
        GameFileReader.read(
            write("{\"players\": [\"a\", \"b\"], \"values\": {\"a\": 1, \"b\": 0, \"a, b\": 3}}"));
    assertThat(game.game().value(3)).isEqualTo(3);
  }

  @Test
  void read_missingCoalition_namesIt() throws IOException {
    Path file =
        write(
            "{\"players\": [\"a\", \"b\", \"c\"], \"values\": {"
                + VALUES.replace("\"a,c\": 1, ", "")
                + "}}");
    assertThatThrownBy(() -> GameFileReader.read(file))
        .isInstanceOf(GameFileException.class)
        .hasMessage(String.format(GameFileReader.MISSING_COALITION, file, "a,c", 3, 7, 6));
  }

  @Test
  void read_keyWithUnknownPlayer_namesKeyAndPlayer() throws IOException {
    Path file =
        write("{\"players\": [\"a\", \"b\"], \"values\": {\"a\": 1, \"b\": 0, \"a,x\": 3}}");
    assertThatThrownBy(() -> GameFileReader.read(file))
        .isInstanceOf(GameFileException.class)
        .hasMessage(String.format(GameFileReader.KEY_UNKNOWN_PLAYER, file, "a,x", "x", "[a, b]"));
  }

  @Test
  void read_keyOutOfOrder_suggestsTheCanonicalKey() throws IOException {
    Path file =
        write("{\"players\": [\"a\", \"b\"], \"values\": {\"a\": 1, \"b\": 0, \"b,a\": 3}}");
    assertThatThrownBy(() -> GameFileReader.read(file))
        .isInstanceOf(GameFileException.class)
        .hasMessageContaining(file.toString())
        .hasMessageContaining("\"b,a\" lists its players out of order")
        .hasMessageContaining("Maybe you meant \"a,b\"");
  }

  @Test
  void read_duplicatePlayers_areRejected() throws IOException {
    Path inList = write("{\"players\": [\"a\", \"a\"], \"values\": {}}");
    assertThatThrownBy(() -> GameFileReader.read(inList))
        .hasMessage(String.format(GameFileReader.DUPLICATE_PLAYER, inList, "a"));
    Path inKey =
        write("{\"players\": [\"a\", \"b\"], \"values\": {\"a\": 1, \"b\": 0, \"a,a\": 3}}");
    assertThatThrownBy(() -> GameFileReader.read(inKey))
        .hasMessage(String.format(GameFileReader.KEY_DUPLICATE_PLAYER, inKey, "a,a", "a"));
  }

  @Test
  void read_sameCoalitionTwice_isRejected() throws IOException {
    Path spelled =
        write(
            "{\"players\": [\"a\", \"b\"], \"values\": {\"a\": 1, \"b\": 0, \"a,b\": 3, \"a, b\": 4}}");
    assertThatThrownBy(() -> GameFileReader.read(spelled))
        .hasMessage(String.format(GameFileReader.KEY_REPEATED, spelled, "a,b", "a,b", "a, b"));
    Path duplicateJsonKey =
        write(
            "{\"players\": [\"a\", \"b\"], \"values\": {\"a\": 1, \"b\": 0, \"a,b\": 3, \"a,b\": 4}}");
    assertThatThrownBy(() -> GameFileReader.read(duplicateJsonKey))
        .hasMessageContaining(duplicateJsonKey + " is not valid JSON")
        .hasMessageContaining("a,b");
  }

  @Test
  void read_nonNumericValue_namesTheCoalition() throws IOException {
    Path file =
        write("{\"players\": [\"a\", \"b\"], \"values\": {\"a\": 1, \"b\": \"zero\", \"a,b\": 3}}");
    assertThatThrownBy(() -> GameFileReader.read(file))
        .hasMessage(String.format(GameFileReader.BAD_VALUE, file, "b", "\"zero\""));
  }

  @Test
  void read_nonPositiveWeight_namesThePlayer() throws IOException {
    Path file =
        write(
            "{\"players\": [\"a\", \"b\"], \"weights\": {\"a\": 0},"
                + " \"values\": {\"a\": 1, \"b\": 0, \"a,b\": 3}}");
    assertThatThrownBy(() -> GameFileReader.read(file))
        .hasMessage(String.format(GameFileReader.BAD_WEIGHT, file, "a", "0"));
  }

  @Test
  void read_weightOfUnknownPlayer_isRejected() throws IOException {
    Path file =
        write(
            "{\"players\": [\"a\", \"b\"], \"weights\": {\"c\": 2},"
                + " \"values\": {\"a\": 1, \"b\": 0, \"a,b\": 3}}");
    assertThatThrownBy(() -> GameFileReader.read(file))
        .hasMessage(String.format(GameFileReader.WEIGHT_UNKNOWN_PLAYER, file, "c", "[a, b]"));
  }

  @Test
  void read_unknownTopLevelKey_namesIt() throws IOException {
    Path file = write("{\"players\": [\"a\"], \"value\": {\"a\": 1}}");
    assertThatThrownBy(() -> GameFileReader.read(file))
        .hasMessage(String.format(GameFileReader.UNKNOWN_KEY, file, "value"));
  }

  @Test
  void read_tooManyPlayersOrMissingFields_areRejected() throws IOException {
    StringBuilder names = new StringBuilder();
    for (int i = 0; i < 21; i++) {
      names.append(i == 0 ? "" : ",").append("\"p").append(i).append('"');
    }
    Path tooMany = write("{\"players\": [" + names + "], \"values\": {}}");
    assertThatThrownBy(() -> GameFileReader.read(tooMany)).hasMessageContaining("1 to 20 names");
    Path noValues = write("{\"players\": [\"a\"]}");
    assertThatThrownBy(() -> GameFileReader.read(noValues))
        .hasMessage(String.format(GameFileReader.MISSING_FIELD, noValues, "values"));
    Path missingFile = dir.resolve("absent.json");
    assertThatThrownBy(() -> GameFileReader.read(missingFile))
        .isInstanceOf(GameFileException.class)
        .hasMessageStartingWith(missingFile + " cannot be read");
  }

  private Path write(String json) throws IOException {
    Path file = Files.createTempFile(dir, "game", ".json");
    Files.writeString(file, json);
    return file;
  }

  @Test
  void read_trailingGarbageAfterTheObject_isNotJson() throws IOException {
    Path file =
        write("{\"players\": [\"a\", \"b\", \"c\"], \"values\": {" + VALUES + "}} {\"x\": 1}");
    assertThatThrownBy(() -> GameFileReader.read(file))
        .isInstanceOf(GameFileException.class)
        .hasMessageStartingWith(file + " is not valid JSON");
  }
}
