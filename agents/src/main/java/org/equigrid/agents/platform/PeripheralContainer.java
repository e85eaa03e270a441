package org.equigrid.agents.platform;

import jade.core.Profile;
import jade.core.ProfileImpl;
import jade.core.Runtime;
import jade.wrapper.AgentContainer;
import jade.wrapper.ControllerException;
import jade.wrapper.StaleProxyException;
import java.util.List;
import java.util.Map;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.equigrid.agents.household.HouseholdScheduler;
import org.equigrid.agents.household.HouseholdSetup;
import org.equigrid.agents.household.JoinGate;
import org.equigrid.agents.household.ParticipantAgent;
import org.equigrid.agents.protocol.JoinCredentials;
import org.equigrid.agents.protocol.Message.SettlementInform;
import org.equigrid.agents.protocol.ProtocolObserver;

/**
 * A peripheral JADE container that joins a main container at {@code host:port} (JADE's own
 * multi-host platform, DESIGN.md section 7) and holds some households. They are given the
 * coordinator's address by its name on the platform ({@value AgentPlatform#COORDINATOR}), like
 * local ones, and do not ask the Directory Facilitator.
 */
public final class PeripheralContainer implements AutoCloseable {

  private static final Logger LOG = LogManager.getLogger();

  /**
   * The longest wait for a place among the joins in flight before the remaining households start
   * without one: no join answered for a minute (the main's join timeout in {@code run}).
   */
  static final long JOIN_IDLE_MILLIS = 60_000;

  private final AgentContainer container;
  private final String keyId;
  private final Map<String, ParticipantAgent> agents = new java.util.LinkedHashMap<>();
  private final SettlementLedger ledger = new SettlementLedger();
  private boolean closed;

  private PeripheralContainer(
      String mainHost,
      int mainPort,
      String localHost,
      String name,
      List<HouseholdSetup> setups,
      HouseholdScheduler scheduler,
      ProtocolObserver observer,
      RunSecret secret,
      String scenarioSha256) {
    JadeLogging.route();
    SerialFilter.install();
    this.keyId = AuthenticatedJicpPeer.register(secret);
    Runtime runtime = Runtime.instance();
    runtime.setCloseVM(false);
    ProfileImpl profile = new ProfileImpl(mainHost, mainPort, null, false);
    profile.setParameter(Profile.LOCAL_HOST, localHost);
    profile.setParameter(Profile.LOCAL_PORT, Integer.toString(AgentPlatform.freePort(localHost)));
    profile.setParameter(Profile.CONTAINER_NAME, name);
    profile.setParameter(Profile.NO_MTP, "true");
    AuthenticatedJicpPeer.configure(profile, keyId);
    this.container = runtime.createAgentContainer(profile);
    if (container == null) {
      AuthenticatedJicpPeer.unregister(keyId);
      throw new IllegalStateException(
          "cannot join the JADE main container at "
              + mainHost
              + ":"
              + mainPort
              + ". Maybe it is not running yet, a firewall blocks the port, or the secret is not this run's"
              + " (the main's log says 'refused a JICP connection').");
    }
    // The coordinator by its name on this platform, without asking the DF (10,000 DF searches
    // queued past their timeout). Joins stay signed with the run key and checked by the
    // coordinator,
    // and its answers are verified with that key: a wrong address can only cost the join.
    jade.core.AID coordinator =
        new jade.core.AID(
            AgentPlatform.COORDINATOR + "@" + container.getPlatformName(), jade.core.AID.ISGUID);
    // Every agent is created before any starts: see AgentPlatform#acceptHouseholds (JADE's table of
    // local agents must not grow while messages are delivered).
    List<Map.Entry<ParticipantAgent, jade.wrapper.AgentController>> created =
        new java.util.ArrayList<>();
    for (HouseholdSetup setup : setups) {
      String id = setup.household().id();
      try {
        ParticipantAgent agent =
            ParticipantAgent.of(
                    setup,
                    scheduler,
                    observer,
                    ledger,
                    new JoinCredentials(secret.key(), scenarioSha256))
                .knowingCoordinator(coordinator);
        agents.put(id, agent);
        created.add(Map.entry(agent, container.acceptNewAgent(id, agent)));
      } catch (StaleProxyException e) {
        close();
        throw new IllegalStateException("cannot create household " + id + ": " + e.getMessage(), e);
      }
    }
    JoinGate gate = new JoinGate(JoinGate.PERMITS);
    JoinWaves.start(
        created,
        gate,
        JOIN_IDLE_MILLIS,
        (entry, place) -> {
          if (place) {
            entry.getKey().holdingJoinPlace(gate);
          }
          try {
            entry.getValue().start();
          } catch (StaleProxyException e) {
            close();
            throw new IllegalStateException("cannot start a household: " + e.getMessage(), e);
          }
        });
    LOG.info(
        "container {} joined {}:{} with {} households", name, mainHost, mainPort, setups.size());
  }

  /**
   * Starts a container joining {@code mainHost:mainPort} with these households.
   *
   * @param localHost the address this container binds to and advertises
   * @param name a container name unique on the platform
   * @param secret the run secret of the main container
   * @param scenarioSha256 the fingerprint of the scenario read here ({@link
   *     ScenarioAgents#fingerprint}), or null when the main checks none
   */
  public static PeripheralContainer join(
      String mainHost,
      int mainPort,
      String localHost,
      String name,
      List<HouseholdSetup> setups,
      HouseholdScheduler scheduler,
      ProtocolObserver observer,
      RunSecret secret,
      String scenarioSha256) {
    return new PeripheralContainer(
        mainHost, mainPort, localHost, name, setups, scheduler, observer, secret, scenarioSha256);
  }

  /** Hosts another agent in this container (a test probe). */
  public void host(String name, jade.core.Agent agent) {
    try {
      container.acceptNewAgent(name, agent).start();
    } catch (StaleProxyException e) {
      throw new IllegalStateException("cannot start agent " + name + ": " + e.getMessage(), e);
    }
  }

  /** The households whose join the coordinator refused, with its reason (sorted by id). */
  public java.util.SortedMap<String, String> refusedJoins() {
    java.util.SortedMap<String, String> refused = new java.util.TreeMap<>();
    agents.forEach(
        (id, agent) -> {
          String reason = agent.refusedBecause();
          if (reason != null) {
            refused.put(id, reason);
          }
        });
    return refused;
  }

  /** Settlements received by this container's households. */
  public Map<String, List<SettlementInform>> settlementsReceived() {
    return ledger.snapshot();
  }

  /** Waits until these households received their settlement of {@code day}. */
  public boolean awaitSettlements(int day, List<String> ids, long timeoutMillis)
      throws InterruptedException {
    return ledger.await(day, ids, timeoutMillis);
  }

  @Override
  public void close() {
    if (!closed) {
      closed = true;
      try {
        container.kill();
      } catch (ControllerException e) {
        LOG.debug("container already stopped: {}", e.getMessage());
      }
      AuthenticatedJicpPeer.unregister(keyId);
    }
  }
}
