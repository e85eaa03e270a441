package org.equigrid.config;

import static org.equigrid.config.GroupMapChecks.covers;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.equigrid.config.RecipeBinder.GenerateKeys;

/**
 * Reads who owns what in {@code community.generate} (its keys are declared with the generate table,
 * {@link RecipeBinder.GenerateKeys}): PV, batteries and renters, one number each or one per group
 * (the solar divide), and the per-group shares of EVs and deferrable appliances; a problem goes to
 * {@link Problems} and the method returns null.
 */
final class OwnershipBinder {
  private final Problems problems;

  OwnershipBinder(Problems problems) {
    this.problems = problems;
  }

  /**
   * A share per group ({@code evShare}, {@code applianceShare}; one number: the same for every
   * group); null after a problem.
   */
  Map<String, Double> share(
      Section g, ScenarioKey.Numbers key, ScenarioKey.Num one, Set<String> groups) {
    JsonNode raw = g.raw(key);
    Map<String, Double> result = new LinkedHashMap<>();
    if (raw != null && !raw.isNull() && !raw.isObject()) {
      Double value = g.number(one);
      if (value == null) {
        return null;
      }
      groups.forEach(group -> result.put(group, value));
      return result;
    }
    int before = problems.count();
    Map<String, Double> given = g.numbers(key);
    for (String group : given.keySet()) {
      if (!groups.contains(group)) {
        problems.add(
            g.child(key) + "." + group,
            Check.format(given.get(group)),
            "is not a group of groupShares (" + String.join(", ", groups) + ")");
      }
    }
    groups.forEach(group -> result.put(group, given.getOrDefault(group, 0.0)));
    return problems.count() > before ? null : result;
  }

  /**
   * {@code pvShare}, {@code batteryShare}, {@code renterShare}: one number each (owners drawn
   * across the community) or one number per group (the solar divide, the default when {@code
   * pvShare} is absent); null after a problem.
   */
  CommunityRecipe.Ownership ownership(Section g, Set<String> groups) {
    JsonNode pvRaw = g.raw(GenerateKeys.PV_SHARE);
    boolean perGroup = pvRaw == null || pvRaw.isNull() || pvRaw.isObject();
    JsonNode batteryRaw = g.raw(GenerateKeys.BATTERY_SHARE);
    if (batteryRaw != null && !batteryRaw.isNull() && batteryRaw.isObject() != perGroup) {
      g.problem(
          GenerateKeys.BATTERY_SHARE,
          perGroup
              ? Messages.OWNERSHIP_FORM
                  + ": pvShare is per group, so batteryShare must be per group too,"
                  + " e.g. {LOW: 0.05, MIDDLE: 0.15, HIGH: 0.4}"
              : Messages.OWNERSHIP_FORM
                  + ": pvShare is one number, so batteryShare must be one number too");
      return null;
    }
    if (!perGroup) {
      if (g.has(GenerateKeys.RENTER_SHARE)) {
        g.problem(
            GenerateKeys.RENTER_SHARE,
            Messages.OWNERSHIP_FORM
                + ": renters need per-group ownership; give pvShare per group"
                + " (e.g. {LOW: 0.2, MIDDLE: 0.4, HIGH: 0.7}) or drop renterShare");
        return null;
      }
      Double pvShare = g.number(GenerateKeys.PV_SHARE_ONE);
      Double batteryShare = g.number(GenerateKeys.BATTERY_SHARE_ONE);
      if (batteryShare != null && pvShare != null && batteryShare > pvShare + 1e-12) {
        g.problem(
            GenerateKeys.BATTERY_SHARE,
            Messages.BATTERY_SHARE_ABOVE_PV_SHARE
                + " (pvShare is "
                + Check.format(pvShare)
                + ")"
                + Check.maybe(pvShare));
        return null;
      }
      return pvShare == null || batteryShare == null
          ? null
          : CommunityRecipe.Ownership.random(pvShare, batteryShare);
    }
    if (!g.has(GenerateKeys.PV_SHARE)
        && !GenerateKeys.DEFAULT_PV_SHARE.keySet().containsAll(groups)) {
      problems.add(
          g.child(GenerateKeys.PV_SHARE),
          null,
          Messages.REQUIRED
              + " for groups other than "
              + String.join(", ", GenerateKeys.DEFAULT_PV_SHARE.keySet())
              + ": one number (owners drawn across the community)"
              + " or one number per group of groupShares");
      return null;
    }
    int before = problems.count();
    Map<String, Double> pvShare =
        g.numbers(GenerateKeys.PV_SHARE, onlyGroups(GenerateKeys.PV_SHARE.fallback(), groups));
    Map<String, Double> batteryShare =
        g.numbers(
            GenerateKeys.BATTERY_SHARE, onlyGroups(GenerateKeys.BATTERY_SHARE.fallback(), groups));
    Map<String, Double> renterShare =
        g.numbers(
            GenerateKeys.RENTER_SHARE, onlyGroups(GenerateKeys.RENTER_SHARE.fallback(), groups));
    Map<ScenarioKey.Numbers, Map<String, Double>> byKey = new LinkedHashMap<>();
    byKey.put(GenerateKeys.PV_SHARE, pvShare);
    byKey.put(GenerateKeys.BATTERY_SHARE, batteryShare);
    byKey.put(GenerateKeys.RENTER_SHARE, renterShare);
    byKey.forEach(
        (key, values) -> // also refuses unknown groups
        covers(g, key.name(), values, groups, "share of the group's households"));
    for (String group : groups) {
      Double pvOfGroup = pvShare.get(group);
      Double batteryOfGroup = batteryShare.get(group);
      Double renterOfGroup = renterShare.get(group);
      if (pvOfGroup != null && batteryOfGroup != null && batteryOfGroup > pvOfGroup + 1e-12) {
        problems.add(
            g.child(GenerateKeys.BATTERY_SHARE) + "." + group,
            Check.format(batteryOfGroup),
            Messages.BATTERY_SHARE_ABOVE_PV_SHARE
                + " ("
                + GenerateKeys.PV_SHARE.name()
                + "."
                + group
                + " is "
                + Check.format(pvOfGroup)
                + ")"
                + Check.maybe(pvOfGroup));
      }
      if (pvOfGroup != null && renterOfGroup != null && pvOfGroup > 1 - renterOfGroup + 1e-12) {
        problems.add(
            g.child(GenerateKeys.PV_SHARE) + "." + group,
            Check.format(pvOfGroup),
            Messages.PV_SHARE_ABOVE_OWNERS
                + " ("
                + GenerateKeys.RENTER_SHARE.name()
                + "."
                + group
                + " is "
                + Check.format(renterOfGroup)
                + ", so at most "
                + Check.format(1 - renterOfGroup)
                + " own their home)"
                + Check.maybe(1 - renterOfGroup));
      }
    }
    return problems.count() > before
        ? null
        : CommunityRecipe.Ownership.byGroup(pvShare, batteryShare, renterShare);
  }

  private static Map<String, Double> onlyGroups(Map<String, Double> defaults, Set<String> groups) {
    Map<String, Double> result = new java.util.LinkedHashMap<>();
    defaults.forEach(
        (group, value) -> {
          if (groups.contains(group)) {
            result.put(group, value);
          }
        });
    return result;
  }
}
