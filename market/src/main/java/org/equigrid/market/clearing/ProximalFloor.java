package org.equigrid.market.clearing;

/**
 * The Rawlsian floor in a protected household's ADMM step ({@link HouseholdBlock#solveProximal};
 * docs/negotiation.md, "The Rawlsian floor in ADMM"): the household's own copy {@code y} of the
 * floor, in kWh (its relative saving {@code f} times {@code max(|C0|, ε) / π̄}), with the row
 * {@code π̄·y + C(x) ≤ C0} (DESIGN.md section 2's {@code z ≤ u_i}, scaled) and the proximal term
 * {@code ρ/2·(y − target)²}. {@code C(x) = Σ_t (πimp·imp − πexp·exp + p·(buy − sell))} is the
 * household's unweighted energy cost.
 *
 * @param targetKwh the target of {@code y}
 * @param standaloneCostEur {@code C0}, the household's standalone cost (its own)
 * @param scalePriceEurPerKwh {@code π̄}, the price that turns the floor's EUR into kWh
 * @param importPriceEurPerKwh {@code πimp} per interval
 * @param exportPriceEurPerKwh {@code πexp} per interval
 * @param poolPriceEurPerKwh {@code p} per interval
 */
public record ProximalFloor(
    double targetKwh,
    double standaloneCostEur,
    double scalePriceEurPerKwh,
    double[] importPriceEurPerKwh,
    double[] exportPriceEurPerKwh,
    double[] poolPriceEurPerKwh) {}
