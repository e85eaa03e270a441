/** Scenario files: reading, validation and the profiles they describe. */
package org.equigrid.config;
