/**
 * {@code equigrid reproduce}: the reference scenarios S1–S6 run side by side and summarised in one
 * table next to the source paper's published figures, optionally on the CityLearn household data.
 */
package org.equigrid.experiments.reproduce;
