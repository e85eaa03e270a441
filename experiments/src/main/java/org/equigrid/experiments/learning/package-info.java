/**
 * Training and evaluating the equity learner on a scenario: PPO over trading days, checkpoints,
 * learning curves, and the comparison of learned weights with neutral and static ones on held-out
 * days.
 */
package org.equigrid.experiments.learning;
