/** What a scenario measures: lookup samples and the per-minute time series. Control thread only. */
package io.chordia.sim.metrics;
