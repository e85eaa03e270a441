/**
 * The community and its trading day as data: households, batteries, tariffs, profiles and equity
 * settings (DESIGN.md section 1). Every value carries its unit in its name.
 */
package org.equigrid.market.model;
