package org.equigrid.agents.platform;

import jade.wrapper.AgentContainer;
import jade.wrapper.AgentController;
import jade.wrapper.ControllerException;
import jade.wrapper.StaleProxyException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.IntFunction;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.equigrid.agents.coordinator.Admission;
import org.equigrid.agents.coordinator.CoordinatorAgent;
import org.equigrid.agents.coordinator.CoordinatorSettings;
import org.equigrid.agents.coordinator.DayMarket;
import org.equigrid.agents.coordinator.DayResult;
import org.equigrid.agents.coordinator.DayTerms;
import org.equigrid.agents.household.HouseholdScheduler;
import org.equigrid.agents.household.HouseholdSetup;
import org.equigrid.agents.household.JoinGate;
import org.equigrid.agents.household.ParticipantAgent;
import org.equigrid.agents.protocol.JoinCredentials;
import org.equigrid.agents.protocol.Message;
import org.equigrid.agents.protocol.Message.SettlementInform;
import org.equigrid.agents.protocol.ProtocolObserver;
import org.equigrid.agents.protocol.TraceEvent;

/**
 * A JADE platform in this JVM: a main container (loopback unless told otherwise, no MTP, no GUI)
 * holding the coordinator and, optionally, households. The caller drives virtual time: {@link
 * #runDay(int)} returns when the day's protocol has completed. Close it to shut JADE down.
 */
public final class AgentPlatform implements AutoCloseable {

  private static final Logger LOG = LogManager.getLogger();

  /** The coordinator's agent name. */
  public static final String COORDINATOR = "coordinator";

  /** The equity learner's agent name (with adaptive weights). */
  public static final String LEARNER = "learner";

  private static final long SETTLEMENT_WAIT_MILLIS = 5_000;
  private static final long REMOTE_RECEIPT_WAIT_MILLIS = 30_000;

  /**
   * The longest wait for the coordinator's registration with the DF (its own retries take at most
   * 12 × 5 s).
   */
  static final long REGISTER_WAIT_MILLIS = 70_000;

  /** The longest {@link #close()} waits for JADE to stop its platform. */
  static final long SHUTDOWN_WAIT_MILLIS = 30_000;

  private final PlatformOptions options;
  private final int port;
  private final String keyId;
  private final JoinCredentials credentials;
  private final AgentContainer main;
  private final AgentController coordinator;
  private final CoordinatorAgent coordinatorAgent;
  private final ProtocolObserver observer;
  private final DayMarket market;
  private final HouseholdScheduler scheduler;
  private final SettlementLedger ledger = new SettlementLedger();
  private final JoinRegistry registry;

  /** Household agents created and not started yet ({@link #acceptHouseholds}). */
  private final List<Created> accepted = new ArrayList<>();

  /** The joins in flight of this platform's households ({@link #startAccepted}). */
  private final JoinGate joinGate = new JoinGate(JoinGate.PERMITS);

  private record Created(ParticipantAgent agent, AgentController controller) {}

  private final Map<String, AgentController> households = new LinkedHashMap<>();
  private boolean closed;

  private AgentPlatform(
      PlatformOptions options,
      CoordinatorSettings settings,
      IntFunction<DayTerms> termsOfDay,
      DayMarket market,
      ProtocolObserver observer,
      HouseholdScheduler scheduler,
      Admission admission) {
    JadeLogging.route();
    this.options = options;
    this.credentials = new JoinCredentials(options.secret().key(), admission.scenarioSha256());
    this.observer = observer;
    this.market = market;
    this.scheduler = scheduler;
    this.port = options.port() == 0 ? freePort(options.host()) : options.port();
    this.registry = new JoinRegistry(options.joinTimeoutMillis(), options.host() + ":" + port);
    SerialFilter.install();
    this.keyId = AuthenticatedJicpPeer.register(options.secret());
    this.main = MainContainer.start(options, port, keyId);
    try {
      ProtocolObserver receipts =
          (event, content) -> {
            if (content instanceof Message.SettlementReceived r
                && TraceEvent.RECEIVED.equals(event.direction())) {
              registry.receipt(r.day(), r.householdId());
            }
          };
      this.coordinatorAgent =
          new CoordinatorAgent(
              settings,
              termsOfDay,
              market,
              ProtocolObserver.all(observer, receipts),
              registry::joined,
              options.secret().key(),
              admission);
      this.coordinator = main.acceptNewAgent(COORDINATOR, coordinatorAgent);
      coordinator.start();
      // No agent may be created while messages are delivered (addHouseholds): the coordinator's
      // registration with the DF is the last exchange before the households come.
      coordinatorAgent.registered().get(REGISTER_WAIT_MILLIS, TimeUnit.MILLISECONDS);
    } catch (StaleProxyException | ExecutionException | TimeoutException e) {
      shutdown();
      throw new IllegalStateException("cannot start the coordinator: " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      shutdown();
      throw new IllegalStateException("interrupted while the coordinator registered", e);
    }
    LOG.info(
        "JADE main container on {}:{} ({}), mode {}",
        options.host(),
        port,
        options.platformId(),
        settings.mode());
  }

  /**
   * Boots the main container with the coordinator.
   *
   * @param observer receives every message (use {@link ProtocolObserver#all} for trace + narration)
   * @param scheduler how local households schedule themselves in the decentralised mode
   */
  public static AgentPlatform boot(
      PlatformOptions options,
      CoordinatorSettings settings,
      IntFunction<DayTerms> termsOfDay,
      DayMarket market,
      ProtocolObserver observer,
      HouseholdScheduler scheduler) {
    return new AgentPlatform(
        options, settings, termsOfDay, market, observer, scheduler, Admission.anyone());
  }

  /**
   * Boots the main container with a coordinator that admits only joins passing {@code admission}
   * (the scenario's households, its fingerprint).
   */
  public static AgentPlatform boot(
      PlatformOptions options,
      CoordinatorSettings settings,
      IntFunction<DayTerms> termsOfDay,
      DayMarket market,
      ProtocolObserver observer,
      HouseholdScheduler scheduler,
      Admission admission) {
    return new AgentPlatform(options, settings, termsOfDay, market, observer, scheduler, admission);
  }

  /**
   * Creates household agents in the main container (agent name = household id) and starts them:
   * {@link #acceptHouseholds} then {@link #startAccepted}.
   */
  public void addHouseholds(List<HouseholdSetup> setups) {
    acceptHouseholds(setups);
    startAccepted();
  }

  /**
   * Creates household agents in the main container (agent name = household id) without starting
   * them: call before anything else talks to the platform ({@link #startAccepted} starts them).
   *
   * <p><b>Why all are created before any starts.</b> JADE 4.3 adds a new agent to its container's
   * table of local agents ({@code jade.core.LADT}) without the table's lock, while every delivery
   * to a local agent locks the receiver's row in that table and looks the row up again to unlock
   * it. When a creation grows the table's hash map while a message is delivered, the second look-up
   * can miss, the row stays locked, and no message ever reaches that agent again: at 10,000
   * households the coordinator's row locked after 131 joins (1,520 of 3,000 in another run, just at
   * the map's growth from 2,048 to 4,096 rows), JADE's outbox filled with the joins still coming
   * and the day never started (the day request itself waits for that row). Created first, in one go
   * while no household runs yet, the table no longer changes while households talk.
   */
  public void acceptHouseholds(List<HouseholdSetup> setups) {
    for (HouseholdSetup setup : setups) {
      String id = setup.household().id();
      try {
        ParticipantAgent agent =
            ParticipantAgent.of(setup, scheduler, observer, ledger, credentials)
                .knowingCoordinator(coordinatorAgent.getAID());
        AgentController controller = main.acceptNewAgent(id, agent);
        accepted.add(new Created(agent, controller));
        households.put(id, controller);
      } catch (StaleProxyException e) {
        throw new IllegalStateException("cannot create household " + id + ": " + e.getMessage(), e);
      }
    }
  }

  /**
   * Starts the household agents {@link #acceptHouseholds} created, in waves: at most {@value
   * JoinGate#PERMITS} joins in flight ({@link JoinWaves}); returns when the last has started.
   */
  public void startAccepted() {
    List<Created> starting = new ArrayList<>(accepted);
    accepted.clear();
    JoinWaves.start(
        starting,
        joinGate,
        options.joinTimeoutMillis(),
        (created, place) -> {
          if (place) {
            created.agent().holdingJoinPlace(joinGate);
          }
          try {
            created.controller().start();
          } catch (StaleProxyException e) {
            throw new IllegalStateException("cannot start a household: " + e.getMessage(), e);
          }
        });
  }

  /** Hosts another agent in the main container (a learner, an observer, a test probe). */
  public AgentController host(String name, jade.core.Agent agent) {
    try {
      AgentController controller = main.acceptNewAgent(name, agent);
      controller.start();
      return controller;
    } catch (StaleProxyException e) {
      throw new IllegalStateException("cannot start agent " + name + ": " + e.getMessage(), e);
    }
  }

  /** Starts JADE's Remote Monitoring Agent and Sniffer GUIs (needs a display). */
  public void startTools() {
    host("rma", new jade.tools.rma.rma());
    host("sniffer", new jade.tools.sniffer.Sniffer());
  }

  /**
   * Waits until {@code count} households (local or remote) have joined, giving up when none has
   * joined for the join timeout ({@link JoinIdleTimeout}).
   */
  public void awaitParticipants(int count) throws InterruptedException {
    registry.awaitParticipants(count);
  }

  /**
   * Waits until these households have joined, giving up when none has joined for the join timeout
   * ({@link JoinIdleTimeout}: joins still arriving are waited for, however many), and returns those
   * that did not join (sorted; empty when all did). The run goes on without them: a household that
   * has not joined gets no call and is standalone (its day cleared alone); one that joins later
   * takes part from the next day on.
   */
  public SortedSet<String> awaitParticipants(Collection<String> ids) throws InterruptedException {
    return registry.awaitParticipants(ids);
  }

  /**
   * Waits up to {@code timeoutMillis} until these households have joined; returns whether they all
   * did.
   */
  public boolean awaitJoined(Collection<String> ids, long timeoutMillis)
      throws InterruptedException {
    return registry.awaitJoined(ids, timeoutMillis);
  }

  /** The households that have joined, sorted. */
  public Set<String> participants() {
    return registry.participants();
  }

  /** Joins the coordinator refused so far: the household id claimed to the reason. */
  public java.util.SortedMap<String, String> refusedJoins() {
    return coordinatorAgent.refusedJoins();
  }

  /**
   * Runs one day's protocol and returns when it completed (and local households got their bills).
   */
  public DayResult runDay(int day) throws InterruptedException {
    DayResult result;
    try {
      result =
          CoordinatorAgent.requestDay(coordinator, day)
              .get(options.dayTimeoutMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      throw new IllegalStateException(
          "day " + day + " failed: " + e.getCause().getMessage(), e.getCause());
    } catch (TimeoutException e) {
      throw new IllegalStateException(
          "day " + day + " did not complete within " + options.dayTimeoutMillis() + " ms", e);
    }
    List<String> local = new ArrayList<>();
    for (String id : result.settled().keySet()) {
      if (households.containsKey(id)) {
        local.add(id);
      }
    }
    if (!ledger.await(day, local, SETTLEMENT_WAIT_MILLIS)) {
      LOG.warn(
          "day {}: not every local household confirmed its settlement within {} ms",
          day,
          SETTLEMENT_WAIT_MILLIS);
    }
    List<String> remote =
        result.settled().keySet().stream().filter(id -> !households.containsKey(id)).toList();
    registry.awaitConfirms(day, local, SETTLEMENT_WAIT_MILLIS, remote, REMOTE_RECEIPT_WAIT_MILLIS);
    return result;
  }

  /** Runs days {@code 0..days-1}. */
  public List<DayResult> runDays(int days) throws InterruptedException {
    List<DayResult> results = new ArrayList<>();
    for (int d = 0; d < days; d++) {
      results.add(runDay(d));
    }
    return results;
  }

  /** Kills a local household's agent (for failure experiments). */
  public void killHousehold(String id) {
    AgentController controller = households.remove(id);
    if (controller == null) {
      throw new IllegalArgumentException(
          "no local household " + id + ". Known: " + households.keySet());
    }
    try {
      controller.kill();
    } catch (StaleProxyException e) {
      LOG.debug("household {} was already gone", id);
    }
  }

  /**
   * Kills an agent of the main container by its local name, e.g. {@link #LEARNER} (for failure
   * experiments).
   */
  public void killAgent(String name) {
    try {
      main.getAgent(name).kill();
    } catch (ControllerException e) {
      throw new IllegalArgumentException(
          "no agent " + name + " in the main container: " + e.getMessage(), e);
    }
  }

  /** The settlements local households received, by household id. */
  public Map<String, List<SettlementInform>> settlementsReceived() {
    return ledger.snapshot();
  }

  /** The market behind the coordinator (the live view asks it for a day's central optimum). */
  public DayMarket market() {
    return market;
  }

  public String host() {
    return options.host();
  }

  public int port() {
    return port;
  }

  @Override
  public void close() {
    if (!closed) {
      closed = true;
      shutdown();
      LOG.info("JADE main container on {}:{} stopped", options.host(), port);
    }
  }

  private void shutdown() {
    MainContainer.kill(main, options.host(), port, keyId);
  }

  static int freePort(String host) {
    return MainContainer.freePort(host);
  }
}
