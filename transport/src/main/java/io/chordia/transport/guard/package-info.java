/**
 * What a node sends to addresses that have not proved they are real: a byte budget per unverified
 * address (no amplification), verification pings, and the verified set. Used by the bootstrap
 * node and the daemon; node thread only, counters readable anywhere.
 */
package io.chordia.transport.guard;
