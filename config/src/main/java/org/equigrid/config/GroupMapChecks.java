package org.equigrid.config;

import static org.equigrid.config.ScenarioKeys.group;

import java.util.Map;
import java.util.Set;

/**
 * The rules of the per-group mappings of {@code community.generate} ({@link RecipeBinder}): shares
 * that must sum to 1, and mappings that must name every group of {@code groupShares} and no other.
 */
final class GroupMapChecks {
  private GroupMapChecks() {}

  static void checkSum(Section owner, String key, Map<String, Double> shares, String what) {
    double sum = shares.values().stream().mapToDouble(Double::doubleValue).sum();
    if (shares.isEmpty()) {
      owner.problem(key, owner.raw(key), "needs at least one " + what);
    } else if (Math.abs(sum - 1) > 1e-6) {
      StringBuilder advice = new StringBuilder();
      if (sum > 0) {
        for (Map.Entry<String, Double> entry : shares.entrySet()) {
          advice
              .append(advice.length() == 0 ? "{" : ", ")
              .append(entry.getKey())
              .append(": ")
              .append(Check.format(Math.round(entry.getValue() / sum * 1000) / 1000.0));
        }
        advice.append("}");
      }
      owner.problem(
          key,
          owner.raw(key),
          Messages.SHARES_MUST_SUM_TO_ONE
              + " (they sum to "
              + Check.format(Math.round(sum * 1e6) / 1e6)
              + ")"
              + (sum > 0 ? ". " + Messages.MAYBE + " " + advice + "?" : ""));
    }
  }

  static void covers(
      Section owner, String key, Map<String, Double> values, Set<String> groups, String unit) {
    for (String group : groups) {
      if (!values.containsKey(group)) {
        owner
            .problems()
            .add(
                owner.child(key) + "." + group,
                null,
                Messages.REQUIRED
                    + " ("
                    + unit
                    + " for group "
                    + group
                    + ", which groupShares lists)");
      }
    }
    for (String named :
        owner.has(key) ? values.keySet() : Set.<String>of()) { // defaults may name more
      if (!groups.contains(named)) {
        owner
            .problems()
            .add(
                owner.child(key) + "." + named,
                null,
                Messages.UNKNOWN_GROUP
                    + " (groupShares lists "
                    + String.join(", ", groups)
                    + ")"
                    + Suggestions.advice(named, groups));
      }
    }
  }
}
