/**
 * Request/response over an unreliable {@code Transport}: transaction ids, per-attempt timeouts,
 * bounded retries with backoff, and handler dispatch. Everything runs on the node thread and on the
 * injected scheduler, so it behaves the same in virtual time.
 */
package io.chordia.core.rpc;
