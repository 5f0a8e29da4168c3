package io.chordia.app.share.bittorrent.fetch;

import io.chordia.app.share.LinkFormatException;
import io.chordia.app.share.bittorrent.InfoHash;
import io.chordia.app.share.bittorrent.MagnetLink;
import io.chordia.core.net.Address;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reads a v1 magnet link (BEP 9) as another client wrote it: {@code xt=urn:btih:} with 40 hex
 * digits or 32 base32 characters, {@code dn} (optional), and each {@code x.pe} peer; trackers and
 * other parameters are ignored. A peer address that does not parse is skipped, not fatal: the
 * infohash is what matters.
 */
public final class MagnetLinkParser {
    public static final String SCHEME = "magnet:";
    private static final int MAX_LENGTH = 8192;
    private static final int MAX_PEERS = 200;
    private static final String BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

    private MagnetLinkParser() {}

    public static boolean looksLikeOne(String text) {
        return text != null && text.strip().regionMatches(true, 0, SCHEME, 0, SCHEME.length());
    }

    /** Throws a {@link LinkFormatException} whose message is fit for a user. */
    public static MagnetLink parse(String text) {
        String s = text.strip();
        if (s.length() > MAX_LENGTH) {
            throw new LinkFormatException("the magnet link is longer than " + MAX_LENGTH + " characters");
        }
        int query = s.indexOf('?');
        if (!looksLikeOne(s) || query < 0) {
            throw new LinkFormatException("a magnet link starts with 'magnet:?'");
        }
        InfoHash infoHash = null;
        String name = "";
        List<Address> peers = new ArrayList<>();
        for (String param : s.substring(query + 1).split("&", -1)) {
            int eq = param.indexOf('=');
            String key = eq < 0 ? param : param.substring(0, eq);
            String value = eq < 0 ? "" : param.substring(eq + 1);
            switch (key) {
                case "xt" -> {
                    if (value.regionMatches(true, 0, "urn:btih:", 0, 9)) {
                        infoHash = infoHash(value.substring(9));
                    }
                }
                case "dn" -> name = percentDecode(value);
                case "x.pe" -> {
                    if (peers.size() < MAX_PEERS) {
                        try {
                            peers.add(Address.parse(percentDecode(value)));
                        } catch (IllegalArgumentException e) {
                            // a peer we cannot reach by that name: the others and the DHT may do
                        }
                    }
                }
                default -> { } // trackers (tr), sizes (xl), web seeds: not used
            }
        }
        if (infoHash == null) {
            throw new LinkFormatException("the magnet link has no 'xt=urn:btih:' infohash (only BitTorrent v1 magnet links are fetched)");
        }
        return new MagnetLink(infoHash, name, peers);
    }

    private static InfoHash infoHash(String text) {
        if (text.matches("[0-9a-fA-F]{40}")) {
            return InfoHash.fromHex(text.toLowerCase(Locale.ROOT));
        }
        if (text.length() == 32) {
            byte[] out = new byte[InfoHash.BYTES];
            long buffer = 0;
            int bits = 0;
            int at = 0;
            for (char c : text.toUpperCase(Locale.ROOT).toCharArray()) {
                int v = BASE32.indexOf(c);
                if (v < 0) {
                    throw new LinkFormatException("the infohash is neither 40 hex digits nor 32 base32 characters");
                }
                buffer = (buffer << 5) | v;
                bits += 5;
                if (bits >= 8) {
                    bits -= 8;
                    out[at++] = (byte) (buffer >>> bits);
                }
            }
            return InfoHash.fromBytes(out);
        }
        throw new LinkFormatException("the infohash is neither 40 hex digits nor 32 base32 characters");
    }

    /** %XX to bytes (UTF-8), '+' to a space as in forms; a malformed escape is kept as it is. */
    static String percentDecode(String value) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] in = value.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < in.length; i++) {
            int hi = i + 2 < in.length ? Character.digit(in[i + 1], 16) : -1;
            int lo = i + 2 < in.length ? Character.digit(in[i + 2], 16) : -1;
            if (in[i] == '%' && hi >= 0 && lo >= 0) {
                out.write(hi << 4 | lo);
                i += 2;
            } else {
                out.write(in[i] == '+' ? ' ' : in[i]);
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }
}
