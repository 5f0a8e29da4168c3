package io.chordia.app.share.bittorrent;

import io.chordia.core.id.NodeId;
import io.chordia.core.util.Checks;

/** What BitTorrent calls a content: SHA-1 of its bencoded info dictionary (BEP 3), the key of its swarm. */
public record InfoHash(NodeId id) {
    public static final int BYTES = 20;

    public InfoHash {
        Checks.notNull(id, "id");
    }

    public static InfoHash of(byte[] encodedInfo) {
        return new InfoHash(NodeId.sha1Of(encodedInfo));
    }

    public static InfoHash fromBytes(byte[] twenty) {
        return new InfoHash(NodeId.fromBytes(twenty));
    }

    public static InfoHash fromHex(String hex) {
        return new InfoHash(NodeId.fromHex(hex));
    }

    public byte[] toBytes() {
        return id.toBytes();
    }

    public String toHex() {
        return id.toHex();
    }

    @Override
    public String toString() {
        return toHex();
    }
}
