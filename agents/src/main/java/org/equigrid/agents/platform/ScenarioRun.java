package org.equigrid.agents.platform;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.equigrid.agents.coordinator.CoordinatorSettings;
import org.equigrid.agents.coordinator.DayResult;
import org.equigrid.agents.coordinator.PipelineMarket;
import org.equigrid.agents.household.BiddingStrategy;
import org.equigrid.agents.household.HouseholdScheduler;
import org.equigrid.agents.household.HouseholdSetup;
import org.equigrid.agents.learning.agent.EquityLearnerAgent;
import org.equigrid.agents.learning.agent.WeightAdvisor;
import org.equigrid.agents.learning.equity.EquityPolicy;
import org.equigrid.agents.protocol.ProtocolObserver;
import org.equigrid.config.Scenario;
import org.equigrid.market.day.SettledDay;
import org.equigrid.market.settlement.SettlementOptions;

/**
 * A scenario run through JADE: the coordinator with the real market ({@link PipelineMarket}) in a
 * main container, the households as agents, days in order. Households may join from other
 * containers: the run hosts the others at once, waits up to {@code waitForRemoteMillis} for the
 * expected remote ones, then hosts in the main container every expected one that has not joined.
 *
 * <p>When the scenario has adaptive equity with a trained policy ({@code equity.adaptive.policy}),
 * the run also hosts an {@link EquityLearnerAgent} named {@value AgentPlatform#LEARNER} in the main
 * container: after each settled day the coordinator sends it the day's equity metrics and clears
 * the next day with the weights it answers (the policy's mean action, or, with {@code
 * onlineLearning}, its PPO learner's sampled action while it keeps learning from the live days).
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
   * @param settlement how days are settled; null: cleared and measured, not settled (benchmarks)
   * @param strategies bidding strategy by household id (truthful if absent)
   * @param remote households expected to join from other containers (empty: all hosted here)
   * @param waitForRemoteMillis how long to wait for them before hosting the missing ones here
   * @param onlineLearning with adaptive equity: the learner keeps learning from the live days
   */
  public record Options(
      CoordinatorSettings coordinator,
      PlatformOptions platform,
      SettlementOptions settlement,
      Map<String, BiddingStrategy> strategies,
      Set<String> remote,
      long waitForRemoteMillis,
      boolean onlineLearning) {

    public Options {
      Objects.requireNonNull(coordinator, "coordinator");
      Objects.requireNonNull(platform, "platform");
      strategies = Map.copyOf(strategies);
      remote = Set.copyOf(remote);
      if (waitForRemoteMillis < 0) {
        throw new IllegalArgumentException(
            "waitForRemoteMillis (" + waitForRemoteMillis + ") must be >= 0");
      }
    }

    /** Without online learning. */
    public Options(
        CoordinatorSettings coordinator,
        PlatformOptions platform,
        SettlementOptions settlement,
        Map<String, BiddingStrategy> strategies,
        Set<String> remote,
        long waitForRemoteMillis) {
      this(coordinator, platform, settlement, strategies, remote, waitForRemoteMillis, false);
    }

    public Options withStrategies(Map<String, BiddingStrategy> other) {
      return new Options(
          coordinator, platform, settlement, other, remote, waitForRemoteMillis, onlineLearning);
    }

    public Options withCoordinator(CoordinatorSettings other) {
      return new Options(
          other, platform, settlement, strategies, remote, waitForRemoteMillis, onlineLearning);
    }

    public Options withPlatform(PlatformOptions other) {
      return new Options(
          coordinator, other, settlement, strategies, remote, waitForRemoteMillis, onlineLearning);
    }

    public Options withSettlement(SettlementOptions other) {
      return new Options(
          coordinator, platform, other, strategies, remote, waitForRemoteMillis, onlineLearning);
    }

    /** Expects these households from other containers, waiting up to {@code millis} for them. */
    public Options withRemote(Set<String> ids, long millis) {
      return new Options(
          coordinator, platform, settlement, strategies, ids, millis, onlineLearning);
    }

    /** With adaptive equity: whether the learner keeps learning from the live days. */
    public Options withOnlineLearning(boolean online) {
      return new Options(
          coordinator, platform, settlement, strategies, remote, waitForRemoteMillis, online);
    }
  }

  /**
   * A household that was standalone on a day, with the coordinator's reason (missing, late,
   * refused, unreachable, market failure).
   */
  public record Standalone(int day, String household, String reason) {
    public Standalone {
      Objects.requireNonNull(household, "household");
      Objects.requireNonNull(reason, "reason");
    }

    /** The standalone households of one day, sorted by id. */
    public static List<Standalone> of(DayResult day) {
      List<Standalone> rows = new ArrayList<>();
      day.standalone().forEach((id, reason) -> rows.add(new Standalone(day.day(), id, reason)));
      return rows;
    }
  }

  /**
   * The outcome.
   *
   * @param days each day over the whole community, as the in-process runner gives it; empty when
   *     the days were handed on and dropped ({@link ScenarioRun#run(Scenario, Options,
   *     ProtocolObserver, Consumer, DayListener, boolean)} with {@code keepDays} false)
   * @param protocol each day as the coordinator saw it (settled, standalone with reasons, rounds);
   *     empty, like {@code days}, when the days were handed on and dropped: the listener had each
   * @param standalone every household that was standalone on a day, by day then id (kept whether or
   *     not the days are)
   * @param remote households that joined from another container
   * @param market the market, for its settlement options and results
   * @param refusedJoins joins the coordinator refused: the id claimed to the reason (unknown id,
   *     another scenario, an id already taken, ...); a refused joiner never took part
   */
  public record Result(
      List<SettledDay> days,
      List<DayResult> protocol,
      List<Standalone> standalone,
      Set<String> remote,
      PipelineMarket market,
      java.util.SortedMap<String, String> refusedJoins) {
    public Result {
      days = List.copyOf(days);
      protocol = List.copyOf(protocol);
      standalone = List.copyOf(standalone);
      remote = Set.copyOf(remote);
      refusedJoins =
          java.util.Collections.unmodifiableSortedMap(new java.util.TreeMap<>(refusedJoins));
    }
  }

  private ScenarioRun() {}

  /**
   * The warning when households had not joined before the join wait gave up: how many, of how many,
   * and the first {@value IdList#SHOWN} ids ({@code absent} in its order).
   */
  static String notJoinedWarning(
      java.util.Collection<String> absent, int households, long joinTimeoutMillis) {
    return String.format(
        java.util.Locale.ROOT,
        "%s of %,d had not joined when none had joined for the join timeout (%,d ms); they sit the"
            + " days out as standalone until they join: %s",
        IdList.households(absent.size()),
        households,
        joinTimeoutMillis,
        IdList.firstOf(absent, IdList.SHOWN));
  }

  /** Hosts the learner and waits until the coordinator can find it in the DF. */
  private static void hostLearner(
      AgentPlatform platform,
      WeightAdvisor advisor,
      ProtocolObserver observer,
      PlatformOptions options)
      throws InterruptedException {
    EquityLearnerAgent learner = new EquityLearnerAgent(advisor, observer);
    platform.host(AgentPlatform.LEARNER, learner);
    try {
      learner.registered().get(options.joinTimeoutMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException | TimeoutException e) {
      // The coordinator keeps the static weights and warns each day; the run goes on.
      LOG.warn(
          "the equity learner did not register with the DF within {} ms: {}",
          options.joinTimeoutMillis(),
          e.getMessage());
    }
    LOG.info(
        "equity learner {} hosted ({} learning)",
        AgentPlatform.LEARNER,
        advisor.online() ? "online" : "no");
  }

  /**
   * Runs every day of the scenario, keeping every day for {@link Result#days}.
   *
   * @param onBoot called once the main container runs (to start tools, print its address)
   */
  public static Result run(
      Scenario scenario,
      Options options,
      ProtocolObserver observer,
      Consumer<AgentPlatform> onBoot,
      DayListener listener)
      throws InterruptedException {
    return run(scenario, options, observer, onBoot, listener, true);
  }

  /**
   * Runs every day of the scenario.
   *
   * @param onBoot called once the main container runs (to start tools, print its address)
   * @param listener told each finished day (with the whole community's results) in day order
   * @param keepDays true: every day is kept for {@link Result#days} and {@link Result#protocol};
   *     false: the market drops each day once {@code listener} has had it ({@link
   *     PipelineMarket#take}) and the run drops the coordinator's record of it, so memory does not
   *     grow with the days, and both are empty ({@link Result#standalone} is kept)
   * @throws IllegalArgumentException when the agents cannot run it in this mode ({@link
   *     ScenarioAgents#unsupported}), before anything starts
   */
  public static Result run(
      Scenario scenario,
      Options options,
      ProtocolObserver observer,
      Consumer<AgentPlatform> onBoot,
      DayListener listener,
      boolean keepDays)
      throws InterruptedException {
    Optional<String> unsupported = ScenarioAgents.unsupported(scenario, options.coordinator());
    if (unsupported.isPresent()) {
      throw new IllegalArgumentException(unsupported.get());
    }
    EquityPolicy policy = ScenarioAgents.policy(scenario).orElse(null);
    PipelineMarket market = new PipelineMarket(scenario, options.settlement(), policy != null);
    List<HouseholdSetup> setups = ScenarioAgents.setups(scenario, options.strategies());
    List<String> ids = setups.stream().map(s -> s.household().id()).toList();
    try (AgentPlatform platform =
        AgentPlatform.boot(
            options.platform(),
            options.coordinator(),
            ScenarioAgents.terms(scenario),
            market,
            observer,
            HouseholdScheduler.standard(),
            ScenarioAgents.admission(scenario))) {
      if (policy != null) {
        hostLearner(
            platform,
            new WeightAdvisor(policy, options.onlineLearning()),
            observer,
            options.platform());
      }
      List<HouseholdSetup> local = new ArrayList<>();
      List<HouseholdSetup> expected = new ArrayList<>();
      for (HouseholdSetup setup : setups) {
        (options.remote().contains(setup.household().id()) ? expected : local).add(setup);
      }
      // Every local agent is created before anyone (a second JVM told of the platform in onBoot, a
      // local household) can send a message: see AgentPlatform#acceptHouseholds.
      platform.acceptHouseholds(local);
      onBoot.accept(platform);
      platform.startAccepted();
      Set<String> remote = Set.of();
      if (!expected.isEmpty()) {
        LOG.info(
            "waiting up to {} ms for {} households to join {}:{}",
            options.waitForRemoteMillis(),
            expected.size(),
            platform.host(),
            platform.port());
        platform.awaitJoined(options.remote(), options.waitForRemoteMillis());
        Set<String> joined = platform.participants();
        remote = new java.util.TreeSet<>(options.remote());
        remote.retainAll(joined);
        List<HouseholdSetup> missing =
            expected.stream().filter(s -> !joined.contains(s.household().id())).toList();
        if (!missing.isEmpty()) {
          LOG.warn(
              "{} expected households did not join within {} ms; hosting them here",
              missing.size(),
              options.waitForRemoteMillis());
          platform.addHouseholds(missing);
        }
      }
      LOG.info(
          "{} households joined from other containers, {} hosted here",
          remote.size(),
          ids.size() - remote.size());
      long joinStart = System.nanoTime();
      SortedSet<String> absent = platform.awaitParticipants(ids);
      LOG.info(
          "{} of {} households joined in {} ms",
          ids.size() - absent.size(),
          ids.size(),
          (System.nanoTime() - joinStart) / 1_000_000L);
      if (!absent.isEmpty()) {
        LOG.warn(notJoinedWarning(absent, ids.size(), options.platform().joinTimeoutMillis()));
      }
      // Dropping the days, only the standalone households outlive the listener's call: a
      // coordinator's day (outcomes, notes, prices, rounds by household) weighs about 1 MB at 100
      // households.
      List<DayResult> protocol = new ArrayList<>();
      List<Standalone> standalone = new ArrayList<>();
      for (int d = 0; d < scenario.days(); d++) {
        long start = System.nanoTime();
        DayResult day = platform.runDay(d);
        if (keepDays) {
          protocol.add(day);
        }
        standalone.addAll(Standalone.of(day));
        SettledDay settled = keepDays ? market.settledDays(d + 1).get(d) : market.take(d);
        listener.dayFinished(day, settled, (System.nanoTime() - start) / 1e9);
      }
      return new Result(
          keepDays ? market.settledDays(scenario.days()) : List.of(),
          protocol,
          standalone,
          remote,
          market,
          platform.refusedJoins());
    }
  }
}
