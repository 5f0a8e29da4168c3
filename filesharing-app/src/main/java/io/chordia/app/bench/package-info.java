/**
 * Measurements that need a whole node (a daemon of BitTorrent's DHT beside the file sharing), run
 * by their own commands; never part of the build. Each prints its figures and the spread of its runs.
 */
package io.chordia.app.bench;
