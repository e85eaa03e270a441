/**
 * The JADE agent that hosts the equity policy online: it receives each day's equity metrics from
 * the coordinator and replies with the next day's weights, optionally learning from live days.
 */
package org.equigrid.agents.learning.agent;
