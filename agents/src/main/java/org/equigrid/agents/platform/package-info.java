/**
 * Boots JADE in-process (main container, or a peripheral container joining a remote main), creates
 * the coordinator and the households, and drives the run day by day in virtual time.
 */
package org.equigrid.agents.platform;
