package org.equigrid.agents.protocol;

import jade.core.AID;
import jade.lang.acl.ACLMessage;
import java.nio.charset.StandardCharsets;

/**
 * Builds protocol ACL messages and their trace events; day, round and virtual time ride as user
 * parameters.
 */
public final class Acl {

  static final String DAY = "X-equigrid-day";
  static final String ROUND = "X-equigrid-round";
  static final String VIRTUAL = "X-equigrid-virtual-seconds";

  /** The FIPA protocol name of the daily trading. */
  public static final String PROTOCOL = "fipa-contract-net";

  private Acl() {}

  /** A new message to one receiver. */
  public static ACLMessage create(
      int performative,
      AID receiver,
      Message content,
      String conversationId,
      int day,
      int round,
      long virtualSeconds) {
    ACLMessage msg = new ACLMessage(performative);
    msg.addReceiver(receiver);
    msg.setConversationId(conversationId);
    msg.setProtocol(PROTOCOL);
    fill(msg, content, day, round, virtualSeconds);
    return msg;
  }

  /** A reply in the same conversation, same day and round. */
  public static ACLMessage reply(
      ACLMessage to, int performative, Message content, long virtualSeconds) {
    ACLMessage msg = to.createReply();
    msg.setPerformative(performative);
    fill(msg, content, day(to), round(to), virtualSeconds);
    return msg;
  }

  private static void fill(
      ACLMessage msg, Message content, int day, int round, long virtualSeconds) {
    msg.setLanguage(MessageCodec.LANGUAGE);
    msg.setOntology(MessageCodec.ONTOLOGY);
    msg.setContent(MessageCodec.encode(content));
    msg.addUserDefinedParameter(DAY, Integer.toString(day));
    msg.addUserDefinedParameter(ROUND, Integer.toString(round));
    msg.addUserDefinedParameter(VIRTUAL, Long.toString(virtualSeconds));
  }

  public static int day(ACLMessage msg) {
    return (int) number(msg, DAY, -1);
  }

  public static int round(ACLMessage msg) {
    return (int) number(msg, ROUND, 0);
  }

  public static long virtualSeconds(ACLMessage msg) {
    return number(msg, VIRTUAL, 0);
  }

  private static long number(ACLMessage msg, String key, long fallback) {
    String value = msg.getUserDefinedParameter(key);
    if (value == null) {
      return fallback;
    }
    try {
      return Long.parseLong(value);
    } catch (NumberFormatException e) {
      return fallback;
    }
  }

  /** The trace event of a message sent or received by {@code agent}. */
  public static TraceEvent event(String direction, String agent, ACLMessage msg, Message content) {
    String receiver = "";
    jade.util.leap.Iterator receivers = msg.getAllReceiver();
    if (receivers.hasNext()) {
      receiver = ((AID) receivers.next()).getLocalName();
    }
    String text = msg.getContent();
    return new TraceEvent(
        day(msg),
        round(msg),
        TraceEvent.phaseOf(content),
        direction,
        agent,
        msg.getSender() == null ? agent : msg.getSender().getLocalName(),
        receiver,
        ACLMessage.getPerformative(msg.getPerformative()),
        msg.getConversationId() == null ? "" : msg.getConversationId(),
        content == null ? "unreadable" : content.getClass().getSimpleName(),
        text == null ? 0 : text.getBytes(StandardCharsets.UTF_8).length,
        virtualSeconds(msg),
        System.nanoTime());
  }
}
