package org.equigrid.agents.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import jade.core.AID;
import jade.lang.acl.ACLMessage;
import org.junit.jupiter.api.Test;

class MessageAuthTest {

  private static final MessageAuth.Key KEY = MessageAuth.Key.random();

  private static ACLMessage bid(String from) {
    ACLMessage msg =
        Acl.create(
            ACLMessage.PROPOSE,
            new AID("coordinator@equigrid", AID.ISGUID),
            new Message.Problem("a bid"),
            "day-0",
            0,
            0,
            60);
    msg.setSender(new AID(from + "@equigrid", AID.ISGUID));
    return msg;
  }

  @Test
  void verify_signedMessage_authentic() {
    ACLMessage msg = bid("h1");
    MessageAuth.sign(msg, KEY, 7);

    assertThat(MessageAuth.verify(msg, KEY, new MessageAuth.Replay())).isEmpty();
  }

  @Test
  void verify_replyOfASignedMessage_authenticUnderItsOwnSignature() {
    ACLMessage call = bid("coordinator");
    MessageAuth.sign(call, KEY, 1);
    ACLMessage reply = Acl.reply(call, ACLMessage.PROPOSE, new Message.Problem("x"), 5);
    reply.setSender(new AID("h1@equigrid", AID.ISGUID));
    MessageAuth.sign(reply, KEY, 2);

    assertThat(MessageAuth.verify(reply, KEY, null)).isEmpty();
  }

  @Test
  void verify_otherKeyOrChangedContentOrForgedSender_notAuthentic() {
    ACLMessage msg = bid("h1");
    MessageAuth.sign(msg, KEY, 7);
    assertThat(MessageAuth.verify(msg, MessageAuth.Key.random(), null))
        .get()
        .asString()
        .startsWith(MessageAuth.NOT_AUTHENTIC);

    msg.setContent(msg.getContent().replace("a bid", "a big bid"));
    assertThat(MessageAuth.verify(msg, KEY, null))
        .get()
        .asString()
        .startsWith(MessageAuth.NOT_AUTHENTIC);

    ACLMessage forged = bid("h1");
    MessageAuth.sign(forged, KEY, 8);
    forged.setSender(new AID("h2@equigrid", AID.ISGUID));
    assertThat(MessageAuth.verify(forged, KEY, null))
        .get()
        .asString()
        .startsWith(MessageAuth.NOT_AUTHENTIC);
  }

  @Test
  void verify_unsigned_notAuthentic() {
    assertThat(MessageAuth.verify(bid("h1"), KEY, null))
        .get()
        .asString()
        .startsWith(MessageAuth.NOT_AUTHENTIC);
  }

  @Test
  void verify_sameSequenceTwice_replayRefused() {
    ACLMessage msg = bid("h1");
    MessageAuth.sign(msg, KEY, 7);
    MessageAuth.Replay seen = new MessageAuth.Replay();

    assertThat(MessageAuth.verify(msg, KEY, seen)).isEmpty();
    assertThat(MessageAuth.verify(msg, KEY, seen))
        .get()
        .asString()
        .startsWith(MessageAuth.REPLAYED);
  }

  @Test
  void replay_outOfOrderWithinWindowAccepted_repeatsAndFarBehindRefused() {
    MessageAuth.Replay seen = new MessageAuth.Replay();
    assertThat(seen.first(100)).isTrue();
    assertThat(seen.first(103)).isTrue();
    assertThat(seen.first(101)).isTrue();
    assertThat(seen.first(101)).isFalse();
    assertThat(seen.first(100)).isFalse();
    assertThat(seen.first(102)).isTrue();
    assertThat(seen.first(5_000)).isTrue();
    assertThat(seen.first(103)).isFalse();
  }
}
