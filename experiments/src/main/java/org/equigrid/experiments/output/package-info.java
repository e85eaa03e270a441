/**
 * Results files: CSV and JSON written atomically with stable formatting, so runs compare byte for
 * byte.
 */
package org.equigrid.experiments.output;
