package org.equigrid.agents.learning;

import java.util.function.ToDoubleFunction;

/** Central finite differences and the relative error ‖a − b‖ / max(‖a‖, ‖b‖). */
final class GradientCheck {

  static final double H = 1e-6;

  private GradientCheck() {}

  /** The numerical gradient of {@code f} at {@code x} (restores {@code x}). */
  static double[] numerical(ToDoubleFunction<double[]> f, double[] x) {
    double[] grad = new double[x.length];
    for (int k = 0; k < x.length; k++) {
      double saved = x[k];
      x[k] = saved + H;
      double plus = f.applyAsDouble(x);
      x[k] = saved - H;
      double minus = f.applyAsDouble(x);
      x[k] = saved;
      grad[k] = (plus - minus) / (2 * H);
    }
    return grad;
  }

  static double relativeError(double[] a, double[] b) {
    double diff = 0.0;
    double na = 0.0;
    double nb = 0.0;
    for (int k = 0; k < a.length; k++) {
      diff += (a[k] - b[k]) * (a[k] - b[k]);
      na += a[k] * a[k];
      nb += b[k] * b[k];
    }
    return Math.sqrt(diff) / Math.max(Math.sqrt(Math.max(na, nb)), 1e-300);
  }
}
