package org.equigrid.experiments.cli;

/** Input the user can fix (a file, a value); the command exits with code 2 and this message. */
public final class BadInputException extends Exception {

  private static final long serialVersionUID = 1L;

  public BadInputException(String message) {
    super(message);
  }
}
