/**
 * The ACL protocol between coordinator and households (DESIGN.md section 7): message records, their
 * versioned JSON codec, receipt checks, the virtual clock, the message trace and its narration.
 */
package org.equigrid.agents.protocol;
