/**
 * The public bootstrap node: a long-lived peer with hardened defaults (rate limits before
 * decoding, bounded tables, no amplification, verified contacts only, no storage) and its
 * {@code chordia bootstrap} command. Composition root over routing and transport. Node state
 * lives on the node's event loop; counters and table sizes are readable from any thread.
 */
package io.chordia.bootstrap;
