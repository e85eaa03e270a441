package org.equigrid.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.equigrid.config.CommunityBinder.CommunityKeys;
import org.equigrid.config.EquityBinder.EquityKeys;
import org.equigrid.config.HorizonBinder.Horizon;
import org.equigrid.config.HorizonBinder.HorizonKeys;
import org.equigrid.config.MarketBinder.MarketKeys;
import org.equigrid.config.ProfileBinder.ProfileKeys;
import org.equigrid.config.ScenarioKeys.TopKeys;
import org.equigrid.config.SettlementBinder.SettlementKeys;
import org.equigrid.config.SolverBinder.SolverKeys;
import org.equigrid.config.TariffBinder.TariffKeys;
import org.equigrid.market.clearing.SolverOptions;
import org.equigrid.market.model.EquitySettings;
import org.equigrid.market.model.Household;
import org.equigrid.market.settlement.SettlementSettings;

/**
 * Binds a scenario tree to a {@link Scenario} by hand, field by field, so that every mistake of the
 * file is collected with its path instead of stopping at the first. Each section is read by its own
 * binder, which declares the section's keys (name, type, default, range, help) beside the code that
 * reads them and holds what the declarations cannot say (defaults computed from other values, rules
 * across keys): {@link HorizonBinder}, {@link CommunityBinder} (with {@link RecipeBinder} and
 * {@link BatteryBinder}), {@link ProfileBinder}, {@link TariffBinder}, {@link MarketBinder}, {@link
 * EquityBinder}, {@link SolverBinder} and {@link SettlementBinder}. This class calls them in the
 * order of the file, which is the order of the problems reported, then builds the scenario.
 */
final class ScenarioBinder {

  private final Problems problems;
  private final BaseDir baseDir;

  ScenarioBinder(Path file, Problems problems) {
    this.problems = problems;
    this.baseDir = BaseDir.of(file);
  }

  Scenario bind(JsonNode root, String sourceFile) throws ScenarioException {
    ObjectNode canonical = Section.newTree();
    Section top = Section.root(problems, root, canonical, TopKeys.SECTION);
    String name = top.text(TopKeys.NAME);
    String description = top.text(TopKeys.DESCRIPTION);
    Long seed = top.whole(TopKeys.SEED);
    Horizon horizon = HorizonBinder.bind(top.section(HorizonKeys.SECTION));
    List<Member> members =
        new CommunityBinder(problems)
            .bind(top.section(CommunityKeys.SECTION), seed == null ? 0 : seed);

    FlexBinder.checkDurations(
        problems, top.child(CommunityKeys.SECTION), horizon.intervalMinutes() / 60.0, members);

    ProfileBinder.Sources profiles =
        new ProfileBinder(problems, baseDir)
            .bind(top.section(ProfileKeys.SECTION), members, horizon);

    TariffPlan tariff =
        new TariffBinder(problems, baseDir).bind(top.section(TariffKeys.SECTION), horizon);

    MarketBinder.Market market = MarketBinder.bind(top.section(MarketKeys.SECTION));
    FlexBinder.checkNegotiation(
        problems,
        top.child(MarketKeys.SECTION) + "." + MarketKeys.NEGOTIATION.name(),
        market,
        members);

    Map<String, Double> groupShares = EquityBinder.groupShares(members);
    Section equitySection = top.section(EquityKeys.SECTION);
    EquityBinder equityBinder = new EquityBinder(problems, baseDir);
    EquitySettings equity = equityBinder.equity(equitySection, groupShares);
    AdaptiveEquity adaptive = equityBinder.adaptive(equitySection);
    SolverOptions solver = SolverBinder.bind(top.section(SolverKeys.SECTION));
    SettlementSettings settlement = SettlementBinder.bind(top.section(SettlementKeys.SECTION));

    problems.throwIfAny();
    members = new ArrayList<>(members);
    members.sort(Comparator.comparing(m -> m.household().id()));
    ProfileBook book = profiles.book(members, seed, horizon);
    List<Household> households = members.stream().map(Member::household).toList();
    return new Scenario(
        name,
        description,
        sourceFile,
        seed,
        horizon.days(),
        horizon.intervalMinutes() / 60.0,
        horizon.intervalsPerDay(),
        horizon.startDayOfYear(),
        households,
        market.trading(),
        market.pricing(),
        equity,
        solver,
        groupShares,
        book,
        tariff,
        ScenarioReader.writeYaml(canonical),
        adaptive,
        settlement,
        market.negotiation(),
        market.negotiationTolerance(),
        market.admm());
  }
}
