/**
 * The README's main job: a local network of real peers on loopback that joins, pings and looks up,
 * printing what happens. Each peer runs on its own Netty event loop; the demo thread only waits.
 */
package io.chordia.app.demo;
