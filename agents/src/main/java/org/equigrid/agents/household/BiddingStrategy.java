package org.equigrid.agents.household;

import java.util.random.RandomGenerator;
import java.util.random.RandomGeneratorFactory;

/**
 * How a household turns its true day into what it bids. Implementations are pure functions of their
 * parameters, the truth and the day, so a run is reproducible.
 */
public interface BiddingStrategy {

  /**
   * Short name recorded with every bid and in {@code strategies.csv}, e.g. {@code truthful} or
   * {@code inflate-peak}; it is also the name a run or sweep uses to ask for the strategy ({@code
   * ScenarioAgents.STRATEGY_NAMES} is built from it), so it names the kind, not its parameters
   * (those are the record's components).
   */
  String name();

  /** What to reveal for {@code day}. */
  Forecast reveal(Forecast truth, int day, double intervalHours);

  /** Bids the truth. */
  static BiddingStrategy truthful() {
    return new Truthful();
  }

  /** Hides the battery: bids as if it had none, keeping its flexibility out of the pool. */
  static BiddingStrategy withholdFlexibility() {
    return new WithholdFlexibility();
  }

  /**
   * Scales the load of the evening hours {@code [fromHour, toHour)} by {@code factor} (> 1 inflates
   * the peak it claims).
   */
  static BiddingStrategy inflatePeak(double factor, double fromHour, double toHour) {
    return new InflatePeak(factor, fromHour, toHour);
  }

  /**
   * Multiplies each load and PV value by {@code max(0, 1 + sigma · N(0,1))}, with draws from a
   * generator seeded by {@code seed} and the day.
   */
  static BiddingStrategy noisyForecast(long seed, double relativeSigma) {
    return new NoisyForecast(seed, relativeSigma);
  }

  /** The truthful strategy. */
  record Truthful() implements BiddingStrategy {
    @Override
    public String name() {
      return "truthful";
    }

    @Override
    public Forecast reveal(Forecast truth, int day, double intervalHours) {
      return truth;
    }
  }

  /** Withholds the battery. */
  record WithholdFlexibility() implements BiddingStrategy {
    @Override
    public String name() {
      return "withhold-flexibility";
    }

    @Override
    public Forecast reveal(Forecast truth, int day, double intervalHours) {
      return truth.withBattery(null);
    }
  }

  /** Inflates the evening load. */
  record InflatePeak(double factor, double fromHour, double toHour) implements BiddingStrategy {
    public InflatePeak {
      if (!(factor > 0) || !Double.isFinite(factor) || !(fromHour < toHour)) {
        throw new IllegalArgumentException(
            "inflatePeak needs factor ("
                + factor
                + ") > 0 and fromHour ("
                + fromHour
                + ") < toHour ("
                + toHour
                + "). Maybe you meant inflatePeak(1.5, 17, 21).");
      }
    }

    @Override
    public String name() {
      return "inflate-peak";
    }

    @Override
    public Forecast reveal(Forecast truth, int day, double intervalHours) {
      double[] load = truth.loadKwh().clone();
      for (int t = 0; t < load.length; t++) {
        double startHour = t * intervalHours;
        if (startHour >= fromHour && startHour < toHour) {
          load[t] *= factor;
        }
      }
      return truth.withProfiles(load, truth.pvKwh());
    }
  }

  /** Seeded multiplicative noise on load and PV. */
  record NoisyForecast(long seed, double relativeSigma) implements BiddingStrategy {
    public NoisyForecast {
      if (!(relativeSigma >= 0) || !Double.isFinite(relativeSigma)) {
        throw new IllegalArgumentException(
            "relativeSigma (" + relativeSigma + ") must be finite and >= 0. Maybe you meant 0.1.");
      }
    }

    @Override
    public String name() {
      return "noisy-forecast";
    }

    @Override
    public Forecast reveal(Forecast truth, int day, double intervalHours) {
      RandomGenerator rng =
          RandomGeneratorFactory.of("L64X128MixRandom").create(seed * 1_000_003L + day);
      double[] load = truth.loadKwh().clone();
      double[] pv = truth.pvKwh().clone();
      for (int t = 0; t < load.length; t++) {
        load[t] *= Math.max(0, 1 + relativeSigma * rng.nextGaussian());
        pv[t] *= Math.max(0, 1 + relativeSigma * rng.nextGaussian());
      }
      return truth.withProfiles(load, pv);
    }
  }
}
