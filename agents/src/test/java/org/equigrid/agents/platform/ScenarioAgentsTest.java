package org.equigrid.agents.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.equigrid.agents.coordinator.Admission;
import org.equigrid.agents.coordinator.CoordinatorSettings;
import org.equigrid.agents.coordinator.MarketMode;
import org.equigrid.agents.household.BiddingStrategy;
import org.equigrid.agents.household.HouseholdSetup;
import org.equigrid.agents.protocol.Message;
import org.equigrid.agents.protocol.Message.JoinRequest;
import org.equigrid.agents.protocol.ProtocolObserver;
import org.equigrid.config.Scenario;
import org.equigrid.config.ScenarioReader;
import org.equigrid.market.negotiation.NegotiationName;
import org.junit.jupiter.api.Test;

class ScenarioAgentsTest {

  private static Scenario fourHouseholds() throws Exception {
    return fourHouseholds("quickstart");
  }

  /** A shipped scenario with four generated households for one day. */
  private static Scenario fourHouseholds(String name) throws Exception {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      Path file = dir.resolve("config/scenarios/" + name + ".yaml");
      if (Files.exists(file)) {
        return ScenarioReader.read(
            file, Map.of("community.generate.households", "4", "horizon.days", "1"));
      }
    }
    throw new IllegalStateException("config/scenarios/" + name + ".yaml not found");
  }

  @Test
  void unsupported_flexibleDemandDecentralised_refusedNamingModeAndMechanism_runNotStarted()
      throws Exception {
    Scenario flexible = fourHouseholds("flex-ev");
    long evs = flexible.households().stream().filter(h -> h.hasFlex()).count();
    assertThat(evs).isPositive();
    Scenario appliances = fourHouseholds("flex-appliances");
    long withAppliances =
        appliances.households().stream().filter(h -> h.flex().hasAppliances()).count();
    assertThat(withAppliances).isPositive();
    CoordinatorSettings central = CoordinatorSettings.defaults(MarketMode.CENTRAL);
    CoordinatorSettings tatonnement =
        CoordinatorSettings.defaults(MarketMode.DECENTRALISED)
            .withNegotiation(NegotiationName.TATONNEMENT);
    CoordinatorSettings admm =
        CoordinatorSettings.defaults(MarketMode.DECENTRALISED)
            .withNegotiation(NegotiationName.ADMM);
    CoordinatorSettings decomposition =
        CoordinatorSettings.defaults(MarketMode.DECENTRALISED)
            .withNegotiation(NegotiationName.DECOMPOSITION);
    assertThat(ScenarioAgents.unsupported(flexible, central)).isEmpty();
    assertThat(ScenarioAgents.unsupported(appliances, central)).isEmpty();
    assertThat(ScenarioAgents.unsupported(fourHouseholds(), tatonnement)).isEmpty();
    // EVs: the households' own schedules of ADMM and the decomposition model their charging
    assertThat(ScenarioAgents.unsupported(flexible, admm)).isEmpty();
    assertThat(ScenarioAgents.unsupported(flexible, decomposition)).isEmpty();
    // EVs and appliances: the tâtonnement's households schedule both with Choco
    assertThat(ScenarioAgents.unsupported(flexible, tatonnement)).isEmpty();
    assertThat(ScenarioAgents.unsupported(appliances, tatonnement)).isEmpty();
    assertThat(ScenarioAgents.unsupported(appliances, admm))
        .hasValueSatisfying(
            r ->
                assertThat(r)
                    .startsWith(
                        ScenarioAgents.DECENTRALISED_FLEX
                            + " (--negotiation admm): "
                            + withAppliances)
                    .contains("`appliances`")
                    .contains("Supported: --negotiation decomposition or tatonnement")
                    .contains("--mode central"));
    // Appliances: the decomposition's households answer their MILP, the master IP whole starts
    assertThat(ScenarioAgents.unsupported(appliances, decomposition)).isEmpty();
    // Every way into the agents (serve, sweeps, bench) goes through ScenarioRun: it refuses too.
    ScenarioRun.Options options =
        new ScenarioRun.Options(
            admm, PlatformOptions.loopback(), null, Map.of(), java.util.Set.of(), 0);
    assertThatThrownBy(
            () ->
                ScenarioRun.run(
                    appliances, options, ProtocolObserver.none(), p -> {}, (a, b, c) -> {}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith(ScenarioAgents.DECENTRALISED_FLEX);
  }

  /** {@code join} with another EV and appliances. */
  private static JoinRequest withFlex(
      JoinRequest join, Message.EvSpec ev, List<Message.ApplianceSpec> appliances) {
    return new JoinRequest(
        join.householdId(),
        join.kind(),
        join.group(),
        join.dailyIncomeEur(),
        join.pvKwp(),
        join.battery(),
        ev,
        appliances,
        join.importLimitKw(),
        join.exportLimitKw());
  }

  /** Issue 15: a join declares the scenario household's EV and appliances exactly. */
  @Test
  void admission_flexibleDemandOtherThanTheScenarios_refusedNamingFieldAndValue() throws Exception {
    Scenario scenario = fourHouseholds("flex-ev");
    Admission admission = ScenarioAgents.admission(scenario);
    String sha = ScenarioAgents.fingerprint(scenario);
    HouseholdSetup withEv =
        ScenarioAgents.setups(scenario, Map.of()).stream()
            .filter(s -> s.household().flex().ev() != null)
            .findFirst()
            .orElseThrow();
    String id = withEv.household().id();
    JoinRequest own =
        JoinRequest.of(withEv.household(), withEv.importLimitKw(), withEv.exportLimitKw());
    assertThat(own.ev()).isEqualTo(new Message.EvSpec(7.0, 3.7, 18, 7));
    assertThat(own.appliances()).isEmpty();
    assertThat(admission.problem(own, sha)).isEmpty();
    String start = ScenarioAgents.OTHER_ATTRIBUTES + " " + id + ": ";
    String end = ". Maybe the joiner read another scenario.";
    Message.ApplianceSpec dishwasher = new Message.ApplianceSpec(1.2, 2.0, 8, 22);
    Map<JoinRequest, String> lies =
        Map.of(
            withFlex(own, new Message.EvSpec(9.0, 3.7, 18, 7), List.of()),
            "ev.energyKwh 9.0, expected 7.0",
            withFlex(own, new Message.EvSpec(7.0, 11.0, 18, 7), List.of()),
            "ev.maxPowerKw 11.0, expected 3.7",
            withFlex(own, new Message.EvSpec(7.0, 3.7, 0, 7), List.of()),
            "ev.arrivalHour 0, expected 18",
            withFlex(own, new Message.EvSpec(7.0, 3.7, 18, 23), List.of()),
            "ev.departureHour 23, expected 7",
            withFlex(own, null, List.of()),
            "ev none, expected {energyKwh 7.0, maxPowerKw 3.7, arrivalHour 18, departureHour 7}",
            withFlex(own, own.ev(), List.of(dishwasher)),
            "appliance #1 {powerKw 1.2, durationHours 2.0, earliestStartHour 8, latestEndHour"
                + " 22}, expected none");
    lies.forEach(
        (join, differs) ->
            assertThat(admission.problem(join, sha)).hasValue(start + differs + end));
  }

  /** Issue 13: a strategy is asked for by the name it records in its bids, one name each. */
  @Test
  void strategy_everyRegisteredName_isTheStrategysOwnName() throws Exception {
    Scenario scenario = fourHouseholds();
    assertThat(ScenarioAgents.STRATEGY_NAMES)
        .containsExactly("truthful", "withhold-flexibility", "inflate-peak", "noisy-forecast");
    for (String name : ScenarioAgents.STRATEGY_NAMES) {
      assertThat(ScenarioAgents.strategy(name, scenario, "h002").name()).isEqualTo(name);
      assertThat(
              ScenarioAgents.strategy(name.toUpperCase(java.util.Locale.ROOT), scenario, "h002")
                  .name())
          .isEqualTo(name);
    }
    assertThat(ScenarioAgents.strategy("inflate-peak", scenario, "h001"))
        .isEqualTo(BiddingStrategy.inflatePeak(1.5, 17, 21));
    // seed × 1,000,003 + the household's 1-based index (h002 is the second)
    assertThat(ScenarioAgents.strategy("noisy-forecast", scenario, "h002"))
        .isEqualTo(BiddingStrategy.noisyForecast(scenario.seed() * 1_000_003L + 2, 0.1));
  }

  @Test
  void strategy_oldShortNames_areRefusedWithTheRegisteredName() throws Exception {
    Scenario scenario = fourHouseholds();
    assertThatThrownBy(() -> ScenarioAgents.strategy("withhold", scenario, "h001"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(
            "Allowed: [truthful, withhold-flexibility, inflate-peak, noisy-forecast]")
        .hasMessageEndingWith("Maybe you meant withhold-flexibility?");
    assertThat(ScenarioAgents.closestStrategy("inflate")).contains("inflate-peak");
    assertThat(ScenarioAgents.closestStrategy("noisyforecast")).contains("noisy-forecast");
    assertThat(ScenarioAgents.closestStrategy("withold")).contains("withhold-flexibility");
    assertThat(ScenarioAgents.closestStrategy("greedy")).isEmpty();
  }
}
