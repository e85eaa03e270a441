/** The {@code equigrid} command line: one subcommand per capability. */
package org.equigrid.experiments.cli;
