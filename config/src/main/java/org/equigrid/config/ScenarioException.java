package org.equigrid.config;

import java.util.List;
import java.util.stream.Collectors;

/** A scenario file that cannot be used; carries every problem found, not just the first. */
public final class ScenarioException extends Exception {
  private static final long serialVersionUID = 1L;

  private final transient List<ScenarioProblem> problems;

  public ScenarioException(List<ScenarioProblem> problems) {
    super(problems.stream().map(ScenarioProblem::toString).collect(Collectors.joining("\n")));
    if (problems.isEmpty()) {
      throw new IllegalArgumentException("a ScenarioException needs at least one problem");
    }
    this.problems = List.copyOf(problems);
  }

  /** Every problem, in the order the file was read. */
  public List<ScenarioProblem> problems() {
    return problems;
  }
}
