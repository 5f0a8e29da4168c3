/**
 * The multi-host lab: network namespaces on this machine joined through a user-space relay that
 * delays, drops and partitions (lab/relay.py), with real daemons and a bootstrap node on separate
 * hosts. Needs root; see docs/lab.md. Driven from one test thread; nothing here is thread-safe
 * unless it says so.
 */
package io.chordia.app.lab;
