package org.equigrid.market.ortools;

import com.google.ortools.linearsolver.MPSolver;

/** GLOP, OR-Tools' LP solver, as the settlement's and the game's small LPs create it. */
public final class Glop {

  private Glop() {}

  /**
   * A new GLOP solver, the native libraries loaded; the caller deletes it.
   *
   * @throws IllegalStateException if OR-Tools cannot create it
   */
  public static MPSolver create() {
    OrToolsNatives.load();
    MPSolver solver = MPSolver.createSolver("GLOP");
    if (solver == null) {
      throw new IllegalStateException("OR-Tools could not create the GLOP solver.");
    }
    return solver;
  }
}
