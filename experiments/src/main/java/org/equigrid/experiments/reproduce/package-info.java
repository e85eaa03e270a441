/**
 * {@code equigrid reproduce}: the reference scenarios S1–S6 run side by side and summarised in one
 * table next to the source paper's published figures, optionally on the CityLearn household data;
 * then the settlement rules against cost-only Shapley ({@link RuleTable}, also pooled over the year
 * by {@code PooledSetting}) and S6 against S5 on blocks of days over the year ({@link
 * AdaptationTable}).
 */
package org.equigrid.experiments.reproduce;
