/**
 * The PPO learner of the upper level: plain-Java dense networks, Adam, Gaussian and categorical
 * policies, PPO-clip with GAE, exact checkpoints, and the {@link
 * org.equigrid.agents.learning.Environment} interface that environments implement.
 */
package org.equigrid.agents.learning;
