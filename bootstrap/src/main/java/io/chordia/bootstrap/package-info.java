/**
 * The public bootstrap node: a long-lived peer with hardened defaults (rate limits, bounded
 * tables, no amplification). Composition root over routing and transport.
 */
package io.chordia.bootstrap;
