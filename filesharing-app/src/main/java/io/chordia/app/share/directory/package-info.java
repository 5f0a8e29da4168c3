/**
 * Where the peers of a content are found: {@link io.chordia.app.share.directory.PeerDirectory}
 * and its in-memory and DHT-backed implementations. Thread-safe; futures complete on any thread.
 */
package io.chordia.app.share.directory;
