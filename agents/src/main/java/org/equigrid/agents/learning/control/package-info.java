/**
 * Faithful ports of gymnasium's classic-control environments (CartPole-v1, Pendulum-v1), used to
 * test the learner.
 */
package org.equigrid.agents.learning.control;
