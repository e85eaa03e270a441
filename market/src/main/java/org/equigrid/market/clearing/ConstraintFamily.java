package org.equigrid.market.clearing;

/**
 * The constraint families of the clearing model that can make it infeasible, in the order the
 * infeasibility diagnosis relaxes them; {@link #label()} is the text the report names.
 */
public enum ConstraintFamily {
  IMPORT_LIMIT("import limit (Kimp)"),
  END_OF_DAY_SOC("end-of-day state of charge (soc[T] >= soc0)"),
  SOC_BOUNDS("state-of-charge bounds [socMin, socMax]"),
  BATTERY_POWER("battery power limit (P)"),
  POOL_BALANCE("pool balance"),
  ORIGIN("origin constraints (sell <= G + dis, imp + buy <= L + ch)"),
  EXPORT_LIMIT("export limit (Kexp)");

  private final String label;

  ConstraintFamily(String label) {
    this.label = label;
  }

  public String label() {
    return label;
  }
}
