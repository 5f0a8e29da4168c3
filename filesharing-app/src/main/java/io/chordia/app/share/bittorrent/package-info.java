/**
 * Speaking BitTorrent v1 to clients nobody here wrote: the info dictionary and magnet link of a
 * content (BEP 3, BEP 9), the peer wire codec (BEP 3, BEP 10, ut_metadata) and a seeding session's
 * state machine. Protocol code: no Netty, no clock, no threads; the socket glue is in
 * {@code io.chordia.app.share.wire}. A session is driven by one I/O thread at a time.
 */
package io.chordia.app.share.bittorrent;
