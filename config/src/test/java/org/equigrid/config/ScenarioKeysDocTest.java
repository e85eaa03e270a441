package org.equigrid.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Configuration declared once (issue 13): the key tables of config/README.md are the ones generated
 * from {@link ScenarioKeys}, and the defaults the declarations show are the defaults a scenario
 * gets.
 */
class ScenarioKeysDocTest {

  private static final Path README = Path.of("README.md"); // surefire runs in the module folder

  /** Regenerates the tables instead of failing: {@code -Dequigrid.writeKeys=true}. */
  private static final String WRITE = "equigrid.writeKeys";

  @TempDir Path dir;

  @Test
  void readme_keyTables_areTheOnesGeneratedFromTheDeclarations() throws Exception {
    String readme = Files.readString(README);
    String generated = ScenarioKeys.rewrite(readme);
    if (Boolean.getBoolean(WRITE) && !generated.equals(readme)) {
      Files.writeString(README, generated);
      readme = generated;
    }
    assertThat(readme)
        .as(
            "config/README.md's key tables differ from ScenarioKeys: run ./equigrid keys --write config/README.md"
                + " (or this test with -D"
                + WRITE
                + "=true) and review the diff")
        .isEqualTo(generated);
  }

  @Test
  void rewrite_aTableEditedByHand_isRestored_andAMissingTableIsAnError() throws Exception {
    String readme = ScenarioKeys.rewrite(Files.readString(README));
    String solverRow = "| `timeLimitSeconds` | number | 30 | s | > 0 |";
    assertThat(readme).contains(solverRow);
    String edited = readme.replace(solverRow, "| `timeLimitSeconds` | number | 60 | s | > 0 |");
    assertThat(ScenarioKeys.rewrite(edited)).isEqualTo(readme).isNotEqualTo(edited);

    String dropped = readme.replace("| `epsilonEur` |", "| `epsilon` |");
    assertThat(ScenarioKeys.rewrite(dropped)).isEqualTo(readme);

    String withoutSolver = readme.replaceFirst("(?s)<!-- keys:solver -->.*?<!-- /keys -->", "");
    assertThatThrownBy(() -> ScenarioKeys.rewrite(withoutSolver))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("[solver]");
  }

  @Test
  void markdown_tables_listEveryDeclaredKeyOnce() {
    List<String> rows = new ArrayList<>();
    for (String table : ScenarioKeys.tables()) {
      ScenarioKeys.markdown(table)
          .lines()
          .skip(2)
          .forEach(line -> rows.add(table + ":" + line.substring(3, line.indexOf('`', 3))));
    }
    assertThat(rows).doesNotHaveDuplicates();
    assertThat(ScenarioKeys.tables())
        .containsExactly(
            "top",
            "horizon",
            "household",
            "battery",
            "ev",
            "appliance",
            "generate",
            "synthetic",
            "csv",
            "tariff",
            "market",
            "equity",
            "solver",
            "settlement");
    assertThat(ScenarioKeys.markdown("solver"))
        .contains("| `relativeGapLimit` | number | 0.0001 | – | ≥ 0 | MILP relative gap |");
    assertThat(ScenarioKeys.markdown("settlement"))
        .contains("`weighted-shapley`, `shapley`, `market`, `rawlsian`");
    assertThat(ScenarioKeys.markdown("tariff"))
        .contains("| `importPeriods[].fromHour` | number | **required** |");
  }

  /**
   * Every default a table shows from a declaration's fallback is the value the canonical scenario
   * holds when the key is left out (a generated community, and an explicit one for the household
   * keys).
   */
  @Test
  void declaredDefaults_areTheDefaultsInEffect() throws Exception {
    Path generated =
        TestScenarios.write(
            dir,
            "generated.yaml",
            """
        name: g
        seed: 1
        community: {generate: {households: 5}}
        """);
    Path explicit =
        TestScenarios.write(
            dir,
            "explicit.yaml",
            """
        name: e
        seed: 1
        community: {households: [{id: a, group: LOW, dailyIncomeEur: 40}]}
        equity: {adaptive: {policy: null}}
        """);
    YAMLMapper yaml = new YAMLMapper();
    JsonNode fromRecipe = yaml.readTree(ScenarioReader.read(generated).canonicalYaml());
    JsonNode fromList = yaml.readTree(ScenarioReader.read(explicit).canonicalYaml());
    List<String> checked = new ArrayList<>();
    check(ScenarioKeys.TopKeys.SECTION, fromRecipe, "", checked);
    check(ScenarioKeys.TopKeys.SECTION, fromList, "", checked);
    assertThat(checked)
        .contains(
            "solver.timeLimitSeconds",
            "horizon.intervalMinutes",
            "tariff.importLimitKw",
            "community.generate.pvKwp.min",
            "community.generate.incomeEurPerDay",
            "community.households[].load.shape",
            "profiles.synthetic.latitudeDeg",
            "settlement.rule",
            "market.pricing",
            "equity.adaptive.reward",
            "community.generate.battery.socMinFraction");
  }

  private static void check(ScenarioKey key, JsonNode node, String path, List<String> checked) {
    if (node == null || node.isMissingNode() || node.isNull()) {
      return;
    }
    if (key instanceof ScenarioKey.Group g) {
      for (ScenarioKey child : g.keys()) {
        check(child, node.get(child.name()), join(path, child.name()), checked);
      }
    } else if (key instanceof ScenarioKey.Items items) {
      for (JsonNode item : node) {
        for (ScenarioKey child : items.keys()) {
          check(child, item.get(child.name()), path + "[]." + child.name(), checked);
        }
      }
    } else if (key instanceof ScenarioKey.Num n && derived(n.presence(), n.shown())) {
      assertThat(node.doubleValue())
          .as(path)
          .isCloseTo(n.fallback(), org.assertj.core.data.Offset.offset(1e-12));
      checked.add(path);
    } else if (key instanceof ScenarioKey.Whole w && derived(w.presence(), w.shown())) {
      assertThat(node.longValue()).as(path).isEqualTo(w.fallback());
      checked.add(path);
    } else if (key instanceof ScenarioKey.Flag f) {
      assertThat(node.booleanValue()).as(path).isEqualTo(f.fallback());
      checked.add(path);
    } else if (key instanceof ScenarioKey.Choice<?> c && derived(c.presence(), c.shown())) {
      assertThat(node.asText()).as(path).isEqualTo(spelled(c));
      checked.add(path);
    } else if (key instanceof ScenarioKey.Numbers n && n.shown() == null) {
      Map<String, Double> actual = new java.util.LinkedHashMap<>();
      node.properties().forEach(e -> actual.put(e.getKey(), e.getValue().doubleValue()));
      assertThat(actual).as(path).containsExactlyEntriesOf(n.fallback());
      checked.add(path);
    }
  }

  /** Whether the docs show the declaration's own fallback (not a default the binder computes). */
  private static boolean derived(ScenarioKey.Presence presence, String shown) {
    return presence == ScenarioKey.Presence.DEFAULTED && shown == null;
  }

  private static <E extends Enum<E>> String spelled(ScenarioKey.Choice<E> c) {
    return c.spelling().apply(c.fallback());
  }

  private static String join(String path, String name) {
    return path.isEmpty() ? name : path + "." + name;
  }
}
