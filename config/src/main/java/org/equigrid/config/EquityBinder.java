package org.equigrid.config;

import static org.equigrid.config.ScenarioKeys.NON_NEGATIVE;
import static org.equigrid.config.ScenarioKeys.POSITIVE;
import static org.equigrid.config.ScenarioKeys.choice;
import static org.equigrid.config.ScenarioKeys.group;
import static org.equigrid.config.ScenarioKeys.num;
import static org.equigrid.config.ScenarioKeys.numbers;
import static org.equigrid.config.ScenarioKeys.optionalText;
import static org.equigrid.config.ScenarioKeys.text;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.equigrid.config.ScenarioKey.Choice;
import org.equigrid.config.ScenarioKey.Group;
import org.equigrid.config.ScenarioKey.Num;
import org.equigrid.config.ScenarioKey.Numbers;
import org.equigrid.config.ScenarioKey.Range;
import org.equigrid.config.ScenarioKey.Text;
import org.equigrid.config.ScenarioKey.Texts;
import org.equigrid.market.model.EquitySettings;

/**
 * Reads {@code equity}: the group weights, normalised to a population-weighted mean of 1 and
 * checked against their bounds, the Rawlsian floor, and the learned weights ({@code
 * equity.adaptive}). The equity key table is here.
 */
final class EquityBinder {
  private final Problems problems;
  private final BaseDir baseDir;

  EquityBinder(Problems problems, BaseDir baseDir) {
    this.problems = problems;
    this.baseDir = baseDir;
  }

  /** {@code equity}. */
  static final class EquityKeys {
    static final Numbers WEIGHTS =
        numbers(
                "weights",
                Map.of(),
                POSITIVE,
                "",
                "raw weight per group; groups not listed weigh 1")
            .shown("all 1");
    static final Num RAWLSIAN_STRENGTH =
        num("rawlsianStrengthEur", 0, NON_NEGATIVE, "EUR", "`ρ` of the floor");
    static final Texts LEAST_ADVANTAGED =
        new Texts(
            "leastAdvantagedGroups",
            List.of(),
            "groups whose relative savings the floor protects; empty: everyone");
    static final Num MIN_WEIGHT =
        num(
            "minWeight",
            0.5,
            new Range(
                value -> value > 0 && value <= 1 ? null : Messages.OUT_OF_RANGE + " (0, 1]",
                "(0, 1]"),
            "",
            "`wMin`, lowest normalised weight");
    static final Num MAX_WEIGHT =
        num(
            "maxWeight",
            2.0,
            new Range(value -> value >= 1 ? null : "must be >= 1", "≥ 1"),
            "",
            "`wMax`, highest normalised weight");
    static final Text POLICY =
        optionalText("policy", "checkpoint of `equigrid train`, or `null` (static weights)")
            .shown("`null`");
    static final Choice<AdaptiveEquity.RewardIndex> REWARD =
        choice(
            "reward",
            AdaptiveEquity.DEFAULT_REWARD,
            AdaptiveEquity.RewardIndex.values(),
            AdaptiveEquity.RewardIndex::fileName,
            "the burden index (after settlement) the learner's reward acts on");
    static final Group ADAPTIVE =
        new Group(
            "adaptive",
            List.of(POLICY, REWARD),
            null,
            "learned weights per day (see above)",
            "no `adaptive`: static weights");
    static final Group SECTION =
        group(
            "equity",
            "equity",
            "equity weights and the Rawlsian floor",
            WEIGHTS,
            RAWLSIAN_STRENGTH,
            LEAST_ADVANTAGED,
            MIN_WEIGHT,
            MAX_WEIGHT,
            ADAPTIVE);
  }

  static Map<String, Double> groupShares(List<Member> members) {
    Map<String, Double> shares = new TreeMap<>();
    for (Member member : members) {
      shares.merge(member.household().group(), 1.0 / members.size(), Double::sum);
    }
    return shares;
  }

  EquitySettings equity(Section e, Map<String, Double> groupShares) {
    Map<String, Double> raw = e.numbers(EquityKeys.WEIGHTS);
    Double rho = e.number(EquityKeys.RAWLSIAN_STRENGTH);
    List<String> least = e.texts(EquityKeys.LEAST_ADVANTAGED);
    Double min = e.number(EquityKeys.MIN_WEIGHT);
    Double max = e.number(EquityKeys.MAX_WEIGHT);
    if (groupShares.isEmpty()) {
      return null;
    }
    Set<String> groups = groupShares.keySet();
    for (String group : raw.keySet()) {
      if (!groups.contains(group)) {
        problems.add(
            e.child(EquityKeys.WEIGHTS) + "." + group,
            null,
            Messages.UNKNOWN_GROUP
                + " ("
                + String.join(", ", groups)
                + ")"
                + Suggestions.advice(group, groups));
      }
    }
    for (int i = 0; i < least.size(); i++) {
      if (!groups.contains(least.get(i))) {
        problems.add(
            e.child(EquityKeys.LEAST_ADVANTAGED) + "[" + i + "]",
            least.get(i),
            Messages.UNKNOWN_GROUP
                + " ("
                + String.join(", ", groups)
                + ")"
                + Suggestions.advice(least.get(i), groups));
      }
    }
    if (rho == null || min == null || max == null) {
      return null;
    }
    double mean = 0;
    for (String group : groups) {
      mean += groupShares.get(group) * raw.getOrDefault(group, 1.0);
    }
    Map<String, Double> normalised = new LinkedHashMap<>();
    for (String group : groups) {
      double w = raw.getOrDefault(group, 1.0) / mean;
      if (Math.abs(w - 1.0) < 1e-12) {
        // Equal weights stay exactly 1 whatever the rounding of the shares (0.9999999999999993 at
        // 1,000 households made the clearing solve a second, "weighted" problem).
        w = 1.0;
      }
      if (w < min - 1e-9 || w > max + 1e-9) {
        JsonNode written =
            e.raw(EquityKeys.WEIGHTS) == null ? null : e.raw(EquityKeys.WEIGHTS).get(group);
        problems.add(
            e.child(EquityKeys.WEIGHTS) + "." + group,
            written == null ? null : WrittenValues.written(written),
            Messages.WEIGHT_OUT_OF_BOUNDS
                + ": "
                + Check.format(raw.getOrDefault(group, 1.0))
                + " / population-weighted mean "
                + String.format(Locale.ROOT, "%.4f", mean)
                + " = "
                + String.format(Locale.ROOT, "%.4f", w)
                + ", outside ["
                + Check.format(min)
                + ", "
                + Check.format(max)
                + "]. Maybe widen "
                + EquityKeys.MIN_WEIGHT.name()
                + "/"
                + EquityKeys.MAX_WEIGHT.name()
                + " or move the weights closer together?");
      }
      normalised.put(group, w);
    }
    return new EquitySettings(normalised, rho, new java.util.TreeSet<>(least), min, max);
  }

  /**
   * {@code equity.adaptive: {policy: PATH or null, reward: INDEX}}; absent means static weights.
   * With {@code policy: null} the scenario still names its reward index (for {@code equigrid
   * train}).
   */
  AdaptiveEquity adaptive(Section e) {
    if (!e.has(EquityKeys.ADAPTIVE)) {
      return null;
    }
    Section a = e.section(EquityKeys.ADAPTIVE);
    AdaptiveEquity.RewardIndex reward = a.choice(EquityKeys.REWARD);
    if (reward == null) {
      reward = AdaptiveEquity.DEFAULT_REWARD; // the problem is reported
    }
    if (!a.has(EquityKeys.POLICY)) {
      a.out().putNull(EquityKeys.POLICY.name());
      return new AdaptiveEquity(null, reward);
    }
    String text = a.text(EquityKeys.POLICY);
    if (text == null) {
      return new AdaptiveEquity(null, reward);
    }
    Path policy = baseDir.resolve(a, EquityKeys.POLICY, text);
    if (policy == null) {
      return null;
    }
    policy = policy.normalize();
    if (!java.nio.file.Files.isRegularFile(policy)) {
      a.problem(
          EquityKeys.POLICY,
          Messages.POLICY_NOT_FOUND
              + " ("
              + policy
              + "). Maybe train one with"
              + " equigrid train, or write policy: null to run with the static weights?");
      return null;
    }
    return new AdaptiveEquity(policy, reward);
  }
}
