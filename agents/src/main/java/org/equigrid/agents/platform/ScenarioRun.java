package org.equigrid.agents.platform;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.equigrid.agents.coordinator.CoordinatorSettings;
import org.equigrid.agents.coordinator.DayResult;
import org.equigrid.agents.coordinator.PipelineMarket;
import org.equigrid.agents.household.BiddingStrategy;
import org.equigrid.agents.household.HouseholdScheduler;
import org.equigrid.agents.household.HouseholdSetup;
import org.equigrid.agents.protocol.ProtocolObserver;
import org.equigrid.config.Scenario;
import org.equigrid.market.day.SettledDay;
import org.equigrid.market.settlement.SettlementOptions;

/**
 * A scenario run through JADE: the coordinator with the real market ({@link PipelineMarket}) in a
 * main container, the households as agents, days in order. Households may join from other
 * containers: with {@code waitForRemoteMillis > 0} the run first waits that long for them, then
 * hosts every household that has not joined in the main container.
 */
public final class ScenarioRun {

  private static final Logger LOG = LogManager.getLogger();

  /** Told about each finished day. */
  @FunctionalInterface
  public interface DayListener {
    void dayFinished(DayResult protocol, SettledDay settled, double wallSeconds);
  }

  /**
   * How to run.
   *
   * @param coordinator mode, timeouts, round rules
   * @param platform where JADE listens
   * @param settlement how days are settled
   * @param strategies bidding strategy by household id (truthful if absent)
   * @param waitForRemoteMillis how long to wait for households joining from other containers before
   *     hosting the missing ones locally; 0 hosts all locally at once
   */
  public record Options(
      CoordinatorSettings coordinator,
      PlatformOptions platform,
      SettlementOptions settlement,
      Map<String, BiddingStrategy> strategies,
      long waitForRemoteMillis) {

    public Options {
      Objects.requireNonNull(coordinator, "coordinator");
      Objects.requireNonNull(platform, "platform");
      Objects.requireNonNull(settlement, "settlement");
      strategies = Map.copyOf(strategies);
      if (waitForRemoteMillis < 0) {
        throw new IllegalArgumentException("waitForRemoteMillis (" + waitForRemoteMillis + ") must be >= 0");
      }
    }

    public Options withStrategies(Map<String, BiddingStrategy> other) {
      return new Options(coordinator, platform, settlement, other, waitForRemoteMillis);
    }

    public Options withPlatform(PlatformOptions other) {
      return new Options(coordinator, other, settlement, strategies, waitForRemoteMillis);
    }

    public Options withWaitForRemoteMillis(long millis) {
      return new Options(coordinator, platform, settlement, strategies, millis);
    }
  }

  /**
   * The outcome.
   *
   * @param days each day over the whole community, as the in-process runner gives it
   * @param protocol each day as the coordinator saw it (settled, standalone with reasons, rounds)
   * @param remote households that joined from another container
   */
  public record Result(List<SettledDay> days, List<DayResult> protocol, Set<String> remote) {
    public Result {
      days = List.copyOf(days);
      protocol = List.copyOf(protocol);
      remote = Set.copyOf(remote);
    }
  }

  private ScenarioRun() {}

  /**
   * Runs every day of the scenario.
   *
   * @param onBoot called once the main container runs (to start tools, print its address)
   */
  public static Result run(
      Scenario scenario,
      Options options,
      ProtocolObserver observer,
      Consumer<AgentPlatform> onBoot,
      DayListener listener) throws InterruptedException {
    PipelineMarket market = new PipelineMarket(scenario, options.settlement());
    List<HouseholdSetup> setups = ScenarioAgents.setups(scenario, options.strategies());
    List<String> ids = setups.stream().map(s -> s.household().id()).toList();
    try (AgentPlatform platform = AgentPlatform.boot(options.platform(), options.coordinator(),
        ScenarioAgents.terms(scenario), market, observer, HouseholdScheduler.standard())) {
      onBoot.accept(platform);
      Set<String> remote = Set.of();
      if (options.waitForRemoteMillis() > 0) {
        LOG.info("waiting up to {} ms for {} households to join {}:{}", options.waitForRemoteMillis(), ids.size(),
            platform.host(), platform.port());
        platform.awaitJoined(ids, options.waitForRemoteMillis());
        remote = platform.participants();
      }
      List<HouseholdSetup> local = new ArrayList<>();
      for (HouseholdSetup setup : setups) {
        if (!remote.contains(setup.household().id())) {
          local.add(setup);
        }
      }
      LOG.info("{} households joined from other containers, {} hosted here", remote.size(), local.size());
      platform.addHouseholds(local);
      platform.awaitParticipants(ids.size());
      List<DayResult> protocol = new ArrayList<>();
      for (int d = 0; d < scenario.days(); d++) {
        long start = System.nanoTime();
        DayResult day = platform.runDay(d);
        protocol.add(day);
        SettledDay settled = market.settledDays(d + 1).get(d);
        listener.dayFinished(day, settled, (System.nanoTime() - start) / 1e9);
      }
      return new Result(market.settledDays(scenario.days()), protocol, remote);
    }
  }
}
