package org.equigrid.agents.learning;

import java.util.Arrays;

/** Discrete (categorical policy) or continuous box (Gaussian policy) actions. */
public sealed interface ActionSpace permits ActionSpace.Discrete, ActionSpace.Box {

  /** Number of policy outputs: logits for discrete, means for continuous. */
  int policyOutputs();

  /** Length of the action vector handed to {@link Environment#step}. */
  int actionSize();

  /** Actions {@code 0 .. count-1}, passed as a one-element array. */
  record Discrete(int count) implements ActionSpace {
    public Discrete {
      if (count < 2) {
        throw new IllegalArgumentException(
            "A discrete action space needs count >= 2, got " + count + ".");
      }
    }

    @Override
    public int policyOutputs() {
      return count;
    }

    @Override
    public int actionSize() {
      return 1;
    }
  }

  /** Continuous actions in {@code [low, high]} per dimension. */
  record Box(double[] low, double[] high) implements ActionSpace {
    public Box {
      low = low.clone();
      high = high.clone();
      if (low.length == 0 || low.length != high.length) {
        throw new IllegalArgumentException(
            "Box bounds need equal, non-zero lengths, got low "
                + Arrays.toString(low)
                + " and high "
                + Arrays.toString(high)
                + ".");
      }
      for (int i = 0; i < low.length; i++) {
        if (!(low[i] < high[i])) {
          throw new IllegalArgumentException(
              "Box bound " + i + ": low (" + low[i] + ") must be < high (" + high[i] + ").");
        }
      }
    }

    /** The symmetric box {@code [-1, 1]^dimensions}. */
    public static Box symmetric(int dimensions, double bound) {
      double[] lo = new double[dimensions];
      double[] hi = new double[dimensions];
      Arrays.fill(lo, -bound);
      Arrays.fill(hi, bound);
      return new Box(lo, hi);
    }

    @Override
    public double[] low() {
      return low.clone();
    }

    @Override
    public double[] high() {
      return high.clone();
    }

    @Override
    public int policyOutputs() {
      return low.length;
    }

    @Override
    public int actionSize() {
      return low.length;
    }

    /** Clips {@code action} in place to the bounds and returns it. */
    double[] clip(double[] action) {
      for (int i = 0; i < action.length; i++) {
        action[i] = Math.max(low[i], Math.min(high[i], action[i]));
      }
      return action;
    }

    @Override
    public boolean equals(Object other) {
      return other instanceof Box box
          && Arrays.equals(low, box.low)
          && Arrays.equals(high, box.high);
    }

    @Override
    public int hashCode() {
      return 31 * Arrays.hashCode(low) + Arrays.hashCode(high);
    }

    @Override
    public String toString() {
      return "Box[low=" + Arrays.toString(low) + ", high=" + Arrays.toString(high) + "]";
    }
  }
}
