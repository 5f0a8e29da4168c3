/**
 * The node's web dashboard: the static page the control server serves on 127.0.0.1, the login link,
 * and the daemon state only the page needs (traffic per minute). Thread-safe:
 * filled by the daemon's threads, read by the control server's.
 */
package io.chordia.app.dashboard;
