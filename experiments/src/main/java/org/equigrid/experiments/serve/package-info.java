/**
 * {@code equigrid serve}: a local web server and one page that plays a day through the JADE agents
 * message by message, lets a class change the equity settings and re-run, browses results folders
 * read-only, and runs a classroom where students bid for households.
 */
package org.equigrid.experiments.serve;
