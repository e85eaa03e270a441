package org.equigrid.agents.protocol;

/**
 * Message content that cannot be decoded; the reply is NOT_UNDERSTOOD with {@link #getMessage()}.
 */
public final class ContentException extends Exception {

  private static final long serialVersionUID = 1L;

  ContentException(String reason, Throwable cause) {
    super(reason, cause);
  }
}
