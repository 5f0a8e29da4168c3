/**
 * The local control channel between a running {@code chordia node} and the client commands: HTTP on
 * 127.0.0.1 with a bearer secret, one typed {@link io.chordia.app.control.ControlCommand} per verb,
 * answers as JSON lines (progress, then one result or error). Handlers run on the server's own
 * threads, never on a node thread, so they may block on the node's futures.
 */
package io.chordia.app.control;
