/** Self-contained HTML reports of a results folder, with charts drawn by ECharts (inlined). */
package org.equigrid.experiments.report;
