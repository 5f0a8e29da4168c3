/** Summaries, CSV time series, markdown reports and charts (PNG and SVG) of scenario runs. */
package io.chordia.sim.report;
