package org.equigrid.market.clearing;

import com.google.ortools.linearsolver.MPConstraint;
import com.google.ortools.linearsolver.MPVariable;

/**
 * The rows {@link DayFormulation} wrote for one household and interval, and its direction binaries
 * (null where not written), for the builders to keep (diagnosis, fixing directions).
 */
record IntervalRows(
    MPConstraint balance,
    MPConstraint need,
    MPConstraint surplus,
    MPConstraint originSell,
    MPConstraint originBuy,
    MPConstraint dynamics,
    MPVariable beta,
    MPConstraint charge,
    MPConstraint discharge,
    MPVariable delta,
    MPConstraint importSide,
    MPConstraint exportSide) {}
