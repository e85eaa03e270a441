package org.equigrid.experiments.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class KeysCommandTest {

  @TempDir Path dir;

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    CommandLine cli = EquigridCommand.commandLine();
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(err));
    return EquigridCommand.execute(cli, args);
  }

  @Test
  void keys_table_printsTheDeclaredRows() {
    assertThat(run("keys", "--table", "solver")).isEqualTo(0);
    assertThat(out.toString())
        .startsWith("### solver\n| key | type | default | unit | allowed | help |")
        .contains("| `timeLimitSeconds` | number | 30 | s | > 0 | guard on the MILP's CPU time")
        .doesNotContain("### tariff");
  }

  @Test
  void keys_write_restoresAHandEditedTable_andLeavesACurrentOneAlone() throws Exception {
    Path readme = dir.resolve("README.md");
    Files.writeString(
        readme,
        "intro\n<!-- keys:solver -->\n| `timeLimitSeconds` | number | 60 |\n<!-- /keys -->\n"
            + String.join("", ScenarioKeysTables.others("solver"))
            + "outro\n");
    assertThat(run("keys", "--write", readme.toString())).isEqualTo(0);
    assertThat(out.toString()).contains("regenerated");
    String written = Files.readString(readme);
    assertThat(written)
        .startsWith("intro\n<!-- keys:solver -->\n| key | type |")
        .endsWith("outro\n")
        .contains("| `timeLimitSeconds` | number | 30 | s |")
        .doesNotContain("| `timeLimitSeconds` | number | 60 |");

    assertThat(run("keys", "--write", readme.toString())).isEqualTo(0);
    assertThat(out.toString()).contains("already up to date");
    assertThat(readme).hasContent(written);
  }

  @Test
  void keys_shippedConfigReadme_isUpToDate() throws Exception {
    Path copy = Files.copy(Path.of("..", "config", "README.md"), dir.resolve("README.md"));
    assertThat(run("keys", "--write", copy.toString())).isEqualTo(0);
    assertThat(out.toString())
        .as("run ./equigrid keys --write config/README.md")
        .contains("already up to date");
  }

  @Test
  void keys_unknownTableOrAReadmeWithoutTables_exitTwo() throws Exception {
    assertThat(run("keys", "--table", "solvers")).isEqualTo(2);
    assertThat(err.toString())
        .contains("--table solvers: no such key table; allowed: top, horizon");
    Path bare = Files.writeString(dir.resolve("bare.md"), "no tables\n");
    assertThat(run("keys", "--write", bare.toString())).isEqualTo(2);
    assertThat(err.toString()).contains("no generated block for the key tables [top, horizon");
  }

  /** Empty blocks for every table but one, so a test file has them all. */
  static final class ScenarioKeysTables {
    static java.util.List<String> others(String except) {
      return org.equigrid.config.ScenarioKeys.tables().stream()
          .filter(t -> !t.equals(except))
          .map(t -> "<!-- keys:" + t + " -->\n<!-- /keys -->\n")
          .toList();
    }
  }
}
