/**
 * Other Mainline DHT implementations as test peers (libtorrent, bittorrent-dht): their drivers in
 * {@code interop/} run as processes that the tests command over a JSON line protocol; see
 * docs/interop.md. Driven from one test thread; nothing here is thread-safe unless it says so.
 */
package io.chordia.app.interop;
