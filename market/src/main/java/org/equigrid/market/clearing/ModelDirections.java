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

  private ModelDirections() {}

  /** {@link ClearingModel#fixDirections}. */
  static void fix(ClearingModel m, byte[][] chargeDirection, byte[][] gridDirection) {
    for (int k = 0; k < m.memberCount; k++) {
      for (int t = 0; t < m.intervals; t++) {
        if (chargeDirection[k][t] != 0) {
          boolean charging = chargeDirection[k][t] > 0;
          if (m.beta[k][t] != null) {
            double value = charging ? 1 : 0;
            m.beta[k][t].setBounds(value, value);
          } else {
            (charging ? m.dis[k][t] : m.ch[k][t]).setUb(0);
          }
        }
        if (gridDirection[k][t] != 0) {
          boolean drawing = gridDirection[k][t] > 0;
          if (m.delta[k][t] != null) {
            double value = drawing ? 1 : 0;
            m.delta[k][t].setBounds(value, value);
          } else if (drawing) {
            zero(m.exp[k][t], m.sell[k][t], m.cur[k][t]);
          } else {
            zero(m.imp[k][t], m.buy[k][t]);
          }
        }
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

  private static void zero(MPVariable... variables) {
    for (MPVariable variable : variables) {
      if (variable != null) {
        variable.setUb(0);
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
