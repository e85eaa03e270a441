package org.equigrid.experiments.sweep;

/** A sweep file or a run it defines does not validate; the message lists every problem. */
public final class SweepException extends Exception {

  private static final long serialVersionUID = 1L;

  public SweepException(String message) {
    super(message);
  }
}
