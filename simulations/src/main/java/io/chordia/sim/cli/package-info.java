/** The {@code chordia sim} command line (Picocli). Runs on the CLI's main thread. */
package io.chordia.sim.cli;
