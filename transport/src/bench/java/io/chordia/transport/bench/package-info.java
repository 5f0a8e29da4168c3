/**
 * Benchmarks, compiled only with {@code -Pbench} and run by {@code transport/bench.sh}: a ping
 * throughput macro-benchmark over loopback UDP and a JMH codec benchmark. They print figures and
 * never fail a build.
 */
package io.chordia.transport.bench;
