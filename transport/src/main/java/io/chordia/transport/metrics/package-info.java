/**
 * Metrics of a running node through the Prometheus Java client: the names the daemon and the
 * bootstrap node share ({@link NodeMetrics}), and the HTTP endpoint that serves them with
 * {@code /health} ({@link MetricsEndpoint}). docs/metrics.md lists every name.
 */
package io.chordia.transport.metrics;
