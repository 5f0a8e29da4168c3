package io.chordia.app.share.bittorrent;

import io.chordia.app.share.Manifest;

/** A content this peer can seed to BitTorrent clients: its pieces and its info dictionary. */
public record SeededTorrent(Manifest manifest, TorrentInfo info) {}
