package org.equigrid.market.clearing;

import com.google.ortools.linearsolver.MPVariable;
import java.util.ArrayList;
import java.util.List;
import org.equigrid.market.clearing.ClearingModel.RawSolution;

/**
 * How the engines steer a built {@link ClearingModel} by its binaries' directions: fixing and
 * freeing them in place and hinting a schedule; the bodies of the model's public {@link
 * ClearingModel#fixDirections}, {@link ClearingModel#freeDirections} and {@link
 * ClearingModel#hint}.
 */
final class ModelDirections {

  /** Indices into {@link #flows}: the flows of each side of a pair. */
  private static final int[] CHARGE_SIDE = {0};

  private static final int[] DISCHARGE_SIDE = {1};
  private static final int[] DRAW_SIDE = {2, 3};
  private static final int[] GIVE_SIDE = {4, 5, 6};

  private ModelDirections() {}

  /**
   * {@link ClearingModel#fixDirections}. Where a pair has no {@code β} or {@code δ} in the model (a
   * block of identical batteries' meter, a model with a family relaxed) its closed side's flows get
   * an upper bound of 0 and its open side's flows the upper bounds they were built with, so that a
   * pair fixed again the other way (the rounding's idle fallback) is open on that side instead of
   * shut on both.
   */
  static void fix(ClearingModel m, byte[][] chargeDirection, byte[][] gridDirection) {
    if (m.builtUpperBounds == null) {
      m.builtUpperBounds = upperBounds(flows(m));
    }
    MPVariable[][][] flows = flows(m);
    double[][][] built = m.builtUpperBounds;
    for (int k = 0; k < m.memberCount; k++) {
      for (int t = 0; t < m.intervals; t++) {
        if (chargeDirection[k][t] != 0) {
          boolean charging = chargeDirection[k][t] > 0;
          if (m.beta[k][t] != null) {
            double value = charging ? 1 : 0;
            m.beta[k][t].setBounds(value, value);
          } else {
            bound(flows, built, charging ? CHARGE_SIDE : DISCHARGE_SIDE, k, t, true);
            bound(flows, built, charging ? DISCHARGE_SIDE : CHARGE_SIDE, k, t, false);
          }
        }
        if (gridDirection[k][t] != 0) {
          boolean drawing = gridDirection[k][t] > 0;
          if (m.delta[k][t] != null) {
            double value = drawing ? 1 : 0;
            m.delta[k][t].setBounds(value, value);
          } else {
            bound(flows, built, drawing ? DRAW_SIDE : GIVE_SIDE, k, t, true);
            bound(flows, built, drawing ? GIVE_SIDE : DRAW_SIDE, k, t, false);
          }
        }
      }
    }
  }

  /** The flows a direction opens or shuts: {@code ch, dis, imp, buy, exp, sell, cur}. */
  private static MPVariable[][][] flows(ClearingModel m) {
    return new MPVariable[][][] {m.ch, m.dis, m.imp, m.buy, m.exp, m.sell, m.cur};
  }

  private static double[][][] upperBounds(MPVariable[][][] flows) {
    double[][][] bounds = new double[flows.length][][];
    for (int f = 0; f < flows.length; f++) {
      bounds[f] = new double[flows[f].length][];
      for (int k = 0; k < flows[f].length; k++) {
        bounds[f][k] = new double[flows[f][k].length];
        for (int t = 0; t < flows[f][k].length; t++) {
          bounds[f][k][t] = flows[f][k][t] == null ? 0 : flows[f][k][t].ub();
        }
      }
    }
    return bounds;
  }

  /** Opens (upper bound as built) or shuts (upper bound 0) one side's flows of a pair. */
  private static void bound(
      MPVariable[][][] flows, double[][][] built, int[] side, int k, int t, boolean open) {
    for (int f : side) {
      MPVariable variable = flows[f][k][t];
      if (variable != null) {
        variable.setUb(open ? built[f][k][t] : 0);
      }
    }
  }

  /**
   * Frees every relaxed {@code β}, {@code δ} whose direction is 0 in the given arrays (bounds back
   * to {@code [0, 1]}); pairs without such a variable stay as they are.
   */
  static void free(ClearingModel m, byte[][] chargeDirection, byte[][] gridDirection) {
    for (int k = 0; k < m.memberCount; k++) {
      for (int t = 0; t < m.intervals; t++) {
        if (chargeDirection[k][t] == 0 && m.beta[k][t] != null) {
          m.beta[k][t].setBounds(0, 1);
        }
        if (gridDirection[k][t] == 0 && m.delta[k][t] != null) {
          m.delta[k][t].setBounds(0, 1);
        }
      }
    }
  }

  /** {@link ClearingModel#hint}. */
  static void hint(
      ClearingModel m, RawSolution values, byte[][] chargeDirection, byte[][] gridDirection) {
    List<MPVariable> variables = new ArrayList<>();
    List<Double> hinted = new ArrayList<>();
    MPVariable[][][] all = {m.imp, m.exp, m.buy, m.sell, m.cur, m.ch, m.dis, m.soc, m.ev};
    double[][][] known = values.families();
    known[known.length - 1] = values.evOrZero(); // an EV variable is hinted 0 without a value
    for (int a = 0; a < all.length; a++) {
      for (int k = 0; k < m.memberCount; k++) {
        for (int t = 0; t < m.intervals; t++) {
          if (all[a][k][t] != null) {
            variables.add(all[a][k][t]);
            hinted.add(known[a][k][t]);
          }
        }
      }
    }
    for (int k = 0; k < m.memberCount; k++) {
      for (int t = 0; t < m.intervals; t++) {
        if (m.beta[k][t] != null && chargeDirection[k][t] != 0) {
          variables.add(m.beta[k][t]);
          hinted.add(chargeDirection[k][t] > 0 ? 1.0 : 0.0);
        }
        if (m.delta[k][t] != null && gridDirection[k][t] != 0) {
          variables.add(m.delta[k][t]);
          hinted.add(gridDirection[k][t] > 0 ? 1.0 : 0.0);
        }
      }
    }
    double[] hintValues = new double[hinted.size()];
    for (int v = 0; v < hintValues.length; v++) {
      hintValues[v] = hinted.get(v);
    }
    m.solver().setHint(variables.toArray(new MPVariable[0]), hintValues);
  }
}
