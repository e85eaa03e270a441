/**
 * One trading day end to end, in-process: clearing, metrics, settlement, equity and explanations.
 * The runner, the agents' coordinator and the learning environment all go through it.
 */
package org.equigrid.market.day;
