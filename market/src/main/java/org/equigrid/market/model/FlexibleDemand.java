package org.equigrid.market.model;

/**
 * A household's flexible demand (docs/model.md, "Flexible demand"): loads whose timing the clearing
 * chooses, on top of the fixed load {@code L[i,t]}. {@link #NONE} for a household without any.
 *
 * @param ev the electric vehicle, or null for none
 */
public record FlexibleDemand(ElectricVehicle ev) {

  /** No flexible demand: the household's load is its fixed profile. */
  public static final FlexibleDemand NONE = new FlexibleDemand(null);

  /** Whether there is any flexible load. */
  public boolean any() {
    return ev != null;
  }

  /** The flexible energy of the day (kWh), a fixed total whatever its timing. */
  public double energyKwh() {
    return ev == null ? 0 : ev.energyKwh();
  }
}
