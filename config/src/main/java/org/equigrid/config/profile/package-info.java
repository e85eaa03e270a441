/**
 * Household load and PV profiles: seeded synthetic load shapes and a clear-sky PV model, CSV
 * profiles in wide, long and per-household layouts, and energy-conserving resampling.
 */
package org.equigrid.config.profile;
