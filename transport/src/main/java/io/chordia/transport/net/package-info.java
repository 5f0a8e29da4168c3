/**
 * What the composition roots need to know about this machine's network before a node starts:
 * which local address routes where. Blocking JDK calls, made once at start, never on an event loop.
 */
package io.chordia.transport.net;
