/** Game files: a cooperative game given by its players, weights and every coalition's value. */
package org.equigrid.config.game;
