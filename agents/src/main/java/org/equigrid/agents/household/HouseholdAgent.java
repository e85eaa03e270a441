package org.equigrid.agents.household;

import java.util.function.Consumer;
import org.equigrid.agents.protocol.Message;
import org.equigrid.agents.protocol.ProtocolObserver;

/** A consumer: load (and perhaps deferrable appliances) only. */
public final class HouseholdAgent extends ParticipantAgent {

  private static final long serialVersionUID = 1L;

  HouseholdAgent(
      HouseholdSetup setup,
      HouseholdScheduler scheduler,
      ProtocolObserver observer,
      Consumer<Message.SettlementInform> settlements,
      org.equigrid.agents.protocol.JoinCredentials credentials) {
    super(setup, scheduler, observer, settlements, credentials);
  }
}
