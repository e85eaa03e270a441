package org.equigrid.config;

/**
 * One mistake in a scenario file.
 *
 * @param file the file's name (or {@code --set} for an override)
 * @param fieldPath dotted path of the field, with {@code [index]} for list entries; empty for the
 *     whole file
 * @param value the value as written, or {@code null} when the field is absent
 * @param problem what is wrong and what is allowed, with "Maybe ..." advice where one exists
 */
public record ScenarioProblem(String file, String fieldPath, String value, String problem) {

  /** Formats as {@code file: field.path = value: problem}. */
  @Override
  public String toString() {
    StringBuilder text = new StringBuilder(file).append(": ");
    if (fieldPath != null && !fieldPath.isEmpty()) {
      text.append(fieldPath);
      if (value != null) {
        text.append(" = ").append(value);
      }
      text.append(": ");
    }
    return text.append(problem).toString();
  }
}
