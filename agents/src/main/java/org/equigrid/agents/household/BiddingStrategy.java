package org.equigrid.agents.household;

import java.util.random.RandomGenerator;
import java.util.random.RandomGeneratorFactory;
import org.equigrid.market.model.Appliance;
import org.equigrid.market.model.ElectricVehicle;
import org.equigrid.market.model.FlexibleDemand;

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

  /**
   * Hides every flexibility: bids as if it had no battery, and its flexible demand as fixed load at
   * the earliest times (the EV charged at full power from plug-in, each appliance started at its
   * earliest start), keeping them out of the pool.
   */
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

  /** Withholds the battery and the flexible demand's timing. */
  record WithholdFlexibility() implements BiddingStrategy {
    @Override
    public String name() {
      return "withhold-flexibility";
    }

    @Override
    public Forecast reveal(Forecast truth, int day, double intervalHours) {
      double[] load = truth.loadKwh().clone();
      double[] fixed = earliestKwh(truth.flex(), load.length, intervalHours);
      for (int t = 0; t < load.length; t++) {
        load[t] += fixed[t];
      }
      return new Forecast(load, truth.pvKwh(), null, FlexibleDemand.NONE);
    }

    /**
     * The flexible demand as a fixed profile at its earliest times (kWh per interval): the EV
     * charges {@code min(P·Δt, what is left)} in each plugged-in interval from its arrival on (a
     * window over midnight: the evening, then the morning of the same day), each appliance runs
     * {@code P_a·Δt} from its first feasible start for its duration. The same energy as the
     * flexible demand, which the market's own checks ensure fits its window.
     */
    static double[] earliestKwh(FlexibleDemand flex, int intervals, double intervalHours) {
      double[] kwh = new double[intervals];
      ElectricVehicle ev = flex.ev();
      if (ev != null) {
        int first = (int) Math.ceil(ev.arrivalHour() / intervalHours - 1e-9);
        double left = ev.energyKwh();
        for (int k = 0; k < intervals && left > 0; k++) {
          int t = Math.floorMod(first + k, intervals);
          if (ev.plugged(t, intervalHours)) {
            double charge = Math.min(ev.maxPowerKw() * intervalHours, left);
            kwh[t] += charge;
            left -= charge;
          }
        }
      }
      for (Appliance appliance : flex.appliances()) {
        int d = appliance.durationIntervals(intervalHours);
        for (int start = 0; start < intervals; start++) {
          if (appliance.canStart(start, intervalHours)) {
            for (int t = start; t < Math.min(intervals, start + d); t++) {
              kwh[t] += appliance.powerKw() * intervalHours;
            }
            break;
          }
        }
      }
      return kwh;
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
