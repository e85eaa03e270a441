package org.equigrid.agents.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Household ids in a warning: the first few and the count, and the not-joined warning's text. */
class IdListTest {

  private static SortedSet<String> ids(int from, int to) {
    SortedSet<String> ids = new TreeSet<>();
    IntStream.rangeClosed(from, to).forEach(i -> ids.add(String.format("h%04d", i)));
    return ids;
  }

  @Test
  void firstOf_manyIds_firstTenThenTheCount() {
    assertThat(IdList.firstOf(ids(132, 10_000), 10))
        .isEqualTo(
            "h0132, h0133, h0134, h0135, h0136, h0137, h0138, h0139, h0140, h0141, …"
                + " (first 10 of 9,869)");
  }

  @Test
  void firstOf_atMostShown_allOfThemWithoutCount() {
    assertThat(IdList.firstOf(List.of("h0002", "h0001"), 10)).isEqualTo("h0002, h0001");
    assertThat(IdList.firstOf(ids(1, 10), 10)).endsWith("h0010").doesNotContain("first");
    assertThat(IdList.firstOf(ids(1, 11), 10)).endsWith("(first 10 of 11)");
  }

  @Test
  void firstOf_none_saysNone() {
    assertThat(IdList.firstOf(List.of(), 10)).isEqualTo("none");
  }

  @Test
  void firstOf_nothingShown_refused() {
    assertThatThrownBy(() -> IdList.firstOf(List.of("h0001"), 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("(0) must be >= 1");
  }

  @Test
  void households_countWithGroupingAndPlural() {
    assertThat(IdList.households(1)).isEqualTo("1 household");
    assertThat(IdList.households(9_869)).isEqualTo("9,869 households");
  }

  @Test
  void notJoinedWarning_9869of10000_countsAndListsTheFirstTen() {
    String warning = ScenarioRun.notJoinedWarning(ids(132, 10_000), 10_000, 60_000);

    assertThat(warning)
        .isEqualTo(
            "9,869 households of 10,000 had not joined when none had joined for the join timeout"
                + " (60,000 ms); they sit the days out as standalone until they join: h0132, h0133,"
                + " h0134, h0135, h0136, h0137, h0138, h0139, h0140, h0141, … (first 10 of 9,869)");
    assertThat(warning.length()).as("one readable line, not 60 KB").isLessThan(300);
  }
}
