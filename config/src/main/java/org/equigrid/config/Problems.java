package org.equigrid.config;

import java.util.ArrayList;
import java.util.List;

/** Collects the problems of one file so all of them are reported together. */
final class Problems {
  private final String file;
  private final List<ScenarioProblem> list = new ArrayList<>();

  Problems(String file) {
    this.file = file;
  }

  String file() {
    return file;
  }

  void add(String fieldPath, String value, String problem) {
    list.add(new ScenarioProblem(file, fieldPath, value, problem));
  }

  void addFrom(String source, String fieldPath, String value, String problem) {
    list.add(new ScenarioProblem(source, fieldPath, value, problem));
  }

  boolean isEmpty() {
    return list.isEmpty();
  }

  int count() {
    return list.size();
  }

  List<ScenarioProblem> all() {
    return List.copyOf(list);
  }

  void throwIfAny() throws ScenarioException {
    if (!list.isEmpty()) {
      throw new ScenarioException(list);
    }
  }
}
