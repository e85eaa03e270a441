package org.equigrid.agents.household;

/**
 * The JVM's bound on household solves at once (system property {@value SolveGate#PROPERTY}, read by
 * the agents' shared {@code SolveGate}), checked by the command line before anything runs, so a bad
 * value is bad input (exit 2) rather than an error when the first household agent starts.
 */
public final class SolveLimit {

  private SolveLimit() {}

  /**
   * What is wrong with the property's value, naming it and what is allowed; null when it is unset,
   * blank or a whole number ≥ 1.
   */
  public static String problem() {
    try {
      SolveGate.permitsFrom(
          System.getProperty(SolveGate.PROPERTY), Runtime.getRuntime().availableProcessors());
      return null;
    } catch (IllegalArgumentException e) {
      return e.getMessage();
    }
  }
}
