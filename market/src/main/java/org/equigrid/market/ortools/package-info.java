/**
 * OR-Tools set-up shared by every LP and MILP of the project: its native libraries, loaded once per
 * JVM. Knows nothing of the market, so the generic game code may use it too.
 */
package org.equigrid.market.ortools;
