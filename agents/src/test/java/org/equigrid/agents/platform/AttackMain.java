package org.equigrid.agents.platform;

import jade.core.AID;
import jade.core.Agent;
import jade.core.behaviours.CyclicBehaviour;
import jade.core.behaviours.TickerBehaviour;
import jade.lang.acl.ACLMessage;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.equigrid.agents.household.HouseholdScheduler;
import org.equigrid.agents.household.HouseholdSetup;
import org.equigrid.agents.protocol.Acl;
import org.equigrid.agents.protocol.Message;
import org.equigrid.agents.protocol.MessageAuth;
import org.equigrid.agents.protocol.MessageCodec;
import org.equigrid.agents.protocol.ProtocolObserver;
import org.equigrid.config.Scenario;
import org.equigrid.config.ScenarioReader;

/**
 * The second JVM of {@link PlatformAttackIT}: hosts the honest remote households {@code h004..h006}
 * and, in the same container (it holds the run secret), an agent that sends joins for a ghost id, a
 * taken id, another group, another scenario, a join under a wrong key, and bids forged in h001's
 * name. Prints {@code REFUSED <conversation> <reason>} for each refusal it gets; exits 0 once the
 * honest households got their settlement of day 0 (2 without).
 */
public final class AttackMain {

  static final List<String> HONEST = List.of("h004", "h005", "h006");

  private AttackMain() {}

  static Scenario scenario(Path file) throws Exception {
    return ScenarioReader.read(
        file, Map.of("community.generate.households", "6", "horizon.days", "1"));
  }

  public static void main(String[] args) throws Exception {
    String host = args[0];
    int port = Integer.parseInt(args[1]);
    Scenario scenario = scenario(Path.of(args[2]));
    RunSecret secret = RunSecret.parse(System.getenv(RunSecret.ENVIRONMENT), RunSecret.ENVIRONMENT);
    String fingerprint = ScenarioAgents.fingerprint(scenario);
    List<HouseholdSetup> setups = ScenarioAgents.setups(scenario, Map.of());
    List<HouseholdSetup> honest =
        setups.stream().filter(s -> HONEST.contains(s.household().id())).toList();
    int status;
    try (PeripheralContainer container =
        PeripheralContainer.join(
            host,
            port,
            host,
            "honest",
            honest,
            HouseholdScheduler.standard(),
            ProtocolObserver.none(),
            secret,
            fingerprint)) {
      container.host(
          "mallory",
          new Mallory(secret.key(), fingerprint, setups, scenario.tariffs().forDay(0).intervals()));
      status = container.awaitSettlements(0, HONEST, 90_000) ? 0 : 2;
    }
    System.out.flush();
    System.exit(status);
  }

  /** Holds the run secret, but joined no household first. */
  static final class Mallory extends Agent {
    private static final long serialVersionUID = 1L;
    private final transient MessageAuth.Key runKey;
    private final transient String fingerprint;
    private final transient List<HouseholdSetup> setups;
    private final transient int intervals;
    private transient long sequence = MessageAuth.firstSequence();

    Mallory(
        MessageAuth.Key runKey, String fingerprint, List<HouseholdSetup> setups, int intervals) {
      this.runKey = runKey;
      this.fingerprint = fingerprint;
      this.setups = setups;
      this.intervals = intervals;
    }

    private AID coordinator() {
      return new AID(AgentPlatform.COORDINATOR + "@equigrid", AID.ISGUID);
    }

    private Message.JoinRequest join(String id, String asId, String group) {
      return join(id, asId, group, null);
    }

    /** The join of {@code asId} as {@code id}, with another group and EV when not null. */
    private Message.JoinRequest join(String id, String asId, String group, Message.EvSpec ev) {
      HouseholdSetup s =
          setups.stream().filter(x -> x.household().id().equals(asId)).findFirst().orElseThrow();
      Message.JoinRequest own =
          Message.JoinRequest.of(s.household(), s.importLimitKw(), s.exportLimitKw());
      return new Message.JoinRequest(
          id,
          own.kind(),
          group == null ? own.group() : group,
          own.dailyIncomeEur(),
          own.pvKwp(),
          own.battery(),
          ev == null ? own.ev() : ev,
          own.appliances(),
          own.importLimitKw(),
          own.exportLimitKw());
    }

    private void sendJoin(
        String conversation,
        Message.JoinRequest join,
        String shownFingerprint,
        MessageAuth.Key key) {
      ACLMessage msg = Acl.create(ACLMessage.REQUEST, coordinator(), join, conversation, -1, 0, 0);
      msg.addUserDefinedParameter(MessageAuth.SCENARIO, shownFingerprint);
      msg.setSender(getAID());
      MessageAuth.sign(msg, key, sequence++);
      send(msg);
    }

    @Override
    protected void setup() {
      sendJoin("join-ghost", join("ghost", "h001", null), fingerprint, runKey);
      sendJoin("join-taken", join("h002", "h002", null), fingerprint, runKey);
      sendJoin("join-group", join("h003", "h003", "NOBODY"), fingerprint, runKey);
      // h002 has no EV in quickstart: an EV that could soak up the pool's cheap hours.
      sendJoin(
          "join-ev",
          join("h002", "h002", null, new Message.EvSpec(40.0, 11.0, 0, 23)),
          fingerprint,
          runKey);
      sendJoin("join-scenario", join("h001", "h001", null), "0".repeat(64), runKey);
      sendJoin("join-key", join("h001", "h001", null), fingerprint, MessageAuth.Key.random());
      addBehaviour(
          new CyclicBehaviour(this) {
            private static final long serialVersionUID = 1L;

            @Override
            public void action() {
              ACLMessage msg = receive();
              if (msg == null) {
                block();
                return;
              }
              String reason;
              try {
                reason =
                    MessageCodec.decode(msg.getContent()) instanceof Message.Problem p
                        ? p.reason()
                        : msg.getContent();
              } catch (Exception e) {
                reason = msg.getContent();
              }
              System.out.println(
                  ACLMessage.getPerformative(msg.getPerformative())
                      + " "
                      + msg.getConversationId()
                      + " "
                      + reason);
              System.out.flush();
            }
          });
      // Bids in h001's name, signed with the run key (Mallory has no session key of h001).
      addBehaviour(
          new TickerBehaviour(this, 200) {
            private static final long serialVersionUID = 1L;

            @Override
            protected void onTick() {
              double[] huge = new double[intervals];
              Arrays.fill(huge, 50.0);
              Message bid =
                  new Message.Bid(
                      "h001",
                      0,
                      huge,
                      new double[intervals],
                      0,
                      null,
                      0,
                      null,
                      List.of(),
                      100,
                      100,
                      null,
                      null,
                      "forged");
              ACLMessage msg = Acl.create(ACLMessage.PROPOSE, coordinator(), bid, "day-0", 0, 0, 0);
              msg.setSender(new AID("h001@equigrid", AID.ISGUID));
              MessageAuth.sign(msg, runKey, sequence++);
              send(msg);
            }
          });
    }
  }
}
