package org.equigrid.experiments.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.equigrid.config.Scenario;
import org.equigrid.config.ScenarioReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The exact clearing model's native memory, counted before anything is built. */
class ModelSizeTest {

  @TempDir Path dir;

  /**
   * Six households: LOW a, b (protected, no battery), LOW c (battery), MIDDLE d, e (no battery),
   * HIGH f (no battery). Weighted model: c, a, b alone, {d, e} and {f} as blocks of their weights:
   * 5 members. Cost-minimising model: c and one block of the other five: 2 members.
   */
  private static final String SIX =
      """
      name: six
      seed: 3
      horizon:
        days: 1
      community:
        households:
          - {id: a, group: LOW, dailyIncomeEur: 40}
          - {id: b, group: LOW, dailyIncomeEur: 40, pvKwp: 3.0}
          - id: c
            group: LOW
            dailyIncomeEur: 40
            battery: {capacityKwh: 10.0, powerKw: 5.0, roundTripEfficiency: 0.9}
          - {id: d, group: MIDDLE, dailyIncomeEur: 90}
          - {id: e, group: MIDDLE, dailyIncomeEur: 90, pvKwp: 4.0}
          - {id: f, group: HIGH, dailyIncomeEur: 200}
      equity:
        weights: {LOW: 1.4, MIDDLE: 1.0, HIGH: 0.6}
        rawlsianStrengthEur: 5.0
        leastAdvantagedGroups: [LOW]
      """;

  private Scenario read(String yaml, Map<String, String> overrides) throws Exception {
    Path file = dir.resolve("six.yaml");
    Files.writeString(file, yaml);
    return ScenarioReader.read(file, overrides);
  }

  @Test
  void exactModel_weightedWithFloor_countsMembersAfterPooling() throws Exception {
    ModelSize.ExactModel model = ModelSize.ExactModel.of(read(SIX, Map.of()));
    assertThat(model).isEqualTo(new ModelSize.ExactModel(6, 24, 2, 5));
    assertThat(model.cells()).isEqualTo(7 * 24);
    assertThat(model.nativeBytes())
        .isEqualTo(ModelSize.NATIVE_BASE_BYTES + ModelSize.NATIVE_BYTES_PER_MODEL_CELL * 168);
  }

  @Test
  void exactModel_neutralDay_onlyTheCostMinimisingModel() throws Exception {
    String neutral =
        SIX.replace("{LOW: 1.4, MIDDLE: 1.0, HIGH: 0.6}", "{LOW: 1.0, MIDDLE: 1.0, HIGH: 1.0}")
            .replace("rawlsianStrengthEur: 5.0", "rawlsianStrengthEur: 0.0");
    assertThat(ModelSize.ExactModel.of(read(neutral, Map.of())))
        .isEqualTo(new ModelSize.ExactModel(6, 24, 2, 0));
  }

  @Test
  void exactModel_poolingOff_everyHouseholdInBothModels() throws Exception {
    assertThat(ModelSize.ExactModel.of(read(SIX, Map.of("solver.pooling", "false"))))
        .isEqualTo(new ModelSize.ExactModel(6, 24, 6, 6));
  }

  @Test
  void exactModel_decompositionOptedIn_notTheExactModel() throws Exception {
    assertThat(ModelSize.ExactModel.of(read(SIX, Map.of("solver.decompositionMinHouseholds", "6"))))
        .isNull();
    assertThat(ModelSize.ExactModel.of(read(SIX, Map.of("solver.decompositionMinHouseholds", "7"))))
        .isNotNull();
  }

  /**
   * 10,000 households whose models keep 7,000 members: 7,000 x 24 = 168,000 member-intervals, 384
   * MB + 12 kB x 168,000 = 2.25 GB beside a 2 GB heap: more than a 4 GB machine has.
   */
  @Test
  void checkNative_tooLarge_namesSizeNeedAndTheOptInKey() {
    ModelSize.ExactModel model = new ModelSize.ExactModel(10_000, 24, 1_600, 5_400);
    assertThatThrownBy(() -> ModelSize.checkNative("s5", model, "clear", 2L << 30, 4L << 30))
        .isInstanceOf(BadInputException.class)
        .hasMessageContaining("Scenario s5 (10000 households x 24 intervals a day)")
        .hasMessageContaining(ModelSize.NATIVE_TOO_LARGE)
        .hasMessageContaining("7000 model members after pooling (168,000 member-intervals)")
        .hasMessageContaining("about 2.3 GB of native solver memory")
        .hasMessageContaining("together 4.3 GB; this machine has 4.0 GB")
        .hasMessageContaining("./equigrid clear s5 --set solver.decompositionMinHouseholds=2000");
  }

  @Test
  void checkNative_fits_orMemoryUnknown_passes() throws BadInputException {
    ModelSize.ExactModel model = new ModelSize.ExactModel(10_000, 24, 1_600, 5_400);
    ModelSize.checkNative("s5", model, "clear", 2L << 30, 8L << 30);
    ModelSize.checkNative("s5", model, "clear", 2L << 30, 0);
  }
}
