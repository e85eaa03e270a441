package org.equigrid.agents.protocol;

/**
 * One line of {@code trace.jsonl}: a message as sent or received by one agent. Field order is the
 * component order.
 *
 * @param day the trading day ({@code -1} for joining)
 * @param round the decentralised round (0 in the central mode)
 * @param phase {@code join}, {@code bid}, {@code round}, {@code award}, {@code settle}, {@code
 *     learn}
 * @param direction {@code sent} or {@code received}
 * @param agent the local name of the agent that logged the event
 * @param sender local name of the sender
 * @param receiver local name of the receiver
 * @param performative FIPA performative, e.g. {@code PROPOSE}
 * @param conversationId the ACL conversation id
 * @param messageType the content's record name, or {@code unreadable}
 * @param bytes content length in UTF-8 bytes
 * @param virtualSeconds virtual time of the event
 * @param wallNanos {@link System#nanoTime()} at logging (for latencies within one JVM)
 */
public record TraceEvent(
    int day,
    int round,
    String phase,
    String direction,
    String agent,
    String sender,
    String receiver,
    String performative,
    String conversationId,
    String messageType,
    int bytes,
    long virtualSeconds,
    long wallNanos) {

  public static final String SENT = "sent";
  public static final String RECEIVED = "received";

  /** The phase a message type belongs to. */
  public static String phaseOf(Message message) {
    if (message == null) {
      return "unknown";
    }
    if (message instanceof Message.JoinRequest || message instanceof Message.JoinAccepted) {
      return "join";
    }
    if (message instanceof Message.CallForProposals || message instanceof Message.Bid) {
      return "bid";
    }
    if (message instanceof Message.PricesAnnouncement || message instanceof Message.NetProfileBid) {
      return "round";
    }
    if (message instanceof Message.Acceptance || message instanceof Message.Rejection) {
      return "award";
    }
    if (message instanceof Message.SettlementInform) {
      return "settle";
    }
    if (message instanceof Message.SettlementReceived) {
      return "receipt";
    }
    if (message instanceof Message.EquityMetrics || message instanceof Message.NextWeights) {
      return "learn";
    }
    return "error";
  }
}
