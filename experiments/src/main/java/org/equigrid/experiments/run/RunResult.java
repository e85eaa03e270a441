package org.equigrid.experiments.run;

import java.util.List;
import org.equigrid.config.Scenario;
import org.equigrid.market.day.SettledDay;

/**
 * A finished run.
 *
 * @param scenario the scenario as run (overrides applied)
 * @param days the days in order
 */
public record RunResult(Scenario scenario, List<SettledDay> days) {
  public RunResult {
    days = List.copyOf(days);
  }
}
