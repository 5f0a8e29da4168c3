/**
 * The overlay protocols, written only against dht-core so they run unchanged in simulation and
 * on real sockets. Node state is touched only on the node thread.
 */
package io.chordia.routing;
