package org.equigrid.config.game;

/** A game file that cannot be read; the message names the file and the field or coalition. */
public final class GameFileException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  GameFileException(String message) {
    super(message);
  }

  GameFileException(String message, Throwable cause) {
    super(message, cause);
  }
}
