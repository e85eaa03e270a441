package org.equigrid.agents.household;

import java.util.function.Consumer;
import org.equigrid.agents.protocol.Message;
import org.equigrid.agents.protocol.ProtocolObserver;

/** A prosumer: rooftop PV and perhaps a battery, which it offers (or withholds) in its bids. */
public final class ProsumerAgent extends ParticipantAgent {

  private static final long serialVersionUID = 1L;

  ProsumerAgent(
      HouseholdSetup setup,
      HouseholdScheduler scheduler,
      ProtocolObserver observer,
      Consumer<Message.SettlementInform> settlements,
      org.equigrid.agents.protocol.JoinCredentials credentials) {
    super(setup, scheduler, observer, settlements, credentials);
  }
}
