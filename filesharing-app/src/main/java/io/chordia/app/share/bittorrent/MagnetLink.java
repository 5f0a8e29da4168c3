package io.chordia.app.share.bittorrent;

import io.chordia.core.net.Address;
import io.chordia.core.util.Checks;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * A v1 magnet link (BEP 9): {@code magnet:?xt=urn:btih:<40 hex>&dn=<percent-encoded name>}, with
 * an {@code x.pe=host:port} per peer known to have it (BEP 9's peer address). The infohash is all a
 * client needs; it finds peers (those, the DHT, or by hand) and asks them for the info dictionary
 * with ut_metadata.
 */
public record MagnetLink(InfoHash infoHash, String displayName, List<Address> peers) {
    private static final String PREFIX = "magnet:?xt=urn:btih:";
    private static final String UNRESERVED = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~";

    public MagnetLink {
        Checks.notNull(infoHash, "infoHash");
        Checks.notNull(displayName, "displayName");
        peers = List.copyOf(peers);
    }

    public MagnetLink(InfoHash infoHash, String displayName) {
        this(infoHash, displayName, List.of());
    }

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder(PREFIX).append(infoHash.toHex()).append("&dn=").append(percentEncode(displayName));
        for (Address peer : peers) {
            b.append("&x.pe=").append(percentEncode(peer.toString()).replace("%3A", ":").replace("%5B", "[").replace("%5D", "]"));
        }
        return b.toString();
    }

    /** RFC 3986 unreserved characters stay, every other byte of the UTF-8 is %XX: '+' would be read as a space by some clients. */
    static String percentEncode(String text) {
        StringBuilder b = new StringBuilder();
        for (byte x : text.getBytes(StandardCharsets.UTF_8)) {
            if (x >= 0 && UNRESERVED.indexOf(x) >= 0) {
                b.append((char) x);
            } else {
                b.append('%').append(Character.toUpperCase(Character.forDigit((x >> 4) & 0xF, 16)))
                        .append(Character.toUpperCase(Character.forDigit(x & 0xF, 16)));
            }
        }
        return b.toString();
    }
}
