/** Throughput benchmarks of file sharing: commands that print figures, never tests. */
package io.chordia.app.share.bench;
