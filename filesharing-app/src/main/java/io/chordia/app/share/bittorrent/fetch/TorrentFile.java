package io.chordia.app.share.bittorrent.fetch;

import io.chordia.app.share.InvalidManifestException;
import io.chordia.app.share.bittorrent.TorrentInfo;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A {@code .torrent} file (BEP 3's metainfo): what matters to a fetch is its {@code info}
 * dictionary, taken as the exact bytes in the file, since the infohash is their SHA-1 (re-encoding
 * could change them). Trackers, dates and comments are ignored: peers come from the DHT or by hand.
 */
public final class TorrentFile {
    /** Larger than the info dictionary of the largest manifest (100,000 files, 2^20 piece hashes), with room for the rest. */
    public static final int MAX_BYTES = 64 << 20;
    private static final int MAX_DEPTH = 16;
    private static final byte[] INFO = "info".getBytes(StandardCharsets.US_ASCII);

    private TorrentFile() {}

    /**
     * The torrent in {@code file} as Chordia fetches it; throws an {@link InvalidManifestException}
     * saying why when it is no torrent, or one our manifest cannot hold.
     */
    public static TorrentInfo parse(byte[] file) {
        byte[] info = infoBytes(file);
        try {
            return TorrentInfo.parse(info);
        } catch (InvalidManifestException e) {
            if (contains(info, "12:meta versioni2e")) {
                throw new InvalidManifestException("it is a BitTorrent v2 (or hybrid v1/v2) torrent; Chordia fetches v1 torrents"
                        + " (made with v1 only, e.g. libtorrent's create_torrent flag v1_only)");
            }
            throw e;
        }
    }

    /** The {@code info} value's bytes, exactly as in the file. */
    static byte[] infoBytes(byte[] file) {
        if (file.length > MAX_BYTES) {
            throw new InvalidManifestException("a .torrent of " + file.length + " bytes is past " + MAX_BYTES);
        }
        if (file.length < 2 || file[0] != 'd') {
            throw new InvalidManifestException("not a .torrent file: it does not start with a bencoded dictionary");
        }
        int at = 1;
        while (at < file.length && file[at] != 'e') {
            int keyEnd = skip(file, at, 1);
            if (file[at] < '0' || file[at] > '9') {
                throw new InvalidManifestException("not a .torrent file: a dictionary key that is not a string");
            }
            int colon = indexOf(file, (byte) ':', at);
            int valueAt = keyEnd;
            int valueEnd = skip(file, valueAt, 1);
            if (Arrays.equals(file, colon + 1, keyEnd, INFO, 0, INFO.length)) {
                if (file[valueAt] != 'd') {
                    throw new InvalidManifestException("the .torrent's info is not a dictionary");
                }
                return Arrays.copyOfRange(file, valueAt, valueEnd);
            }
            at = valueEnd;
        }
        throw new InvalidManifestException("the .torrent has no info dictionary");
    }

    /** Where the bencoded value at {@code at} ends. */
    private static int skip(byte[] b, int at, int depth) {
        if (depth > MAX_DEPTH) {
            throw new InvalidManifestException("not a .torrent file: nested deeper than " + MAX_DEPTH);
        }
        if (at >= b.length) {
            throw truncated();
        }
        byte c = b[at];
        if (c == 'i') {
            int end = indexOf(b, (byte) 'e', at);
            return end + 1;
        }
        if (c == 'l' || c == 'd') {
            int i = at + 1;
            while (i < b.length && b[i] != 'e') {
                i = skip(b, i, depth + 1);
            }
            if (i >= b.length) {
                throw truncated();
            }
            return i + 1;
        }
        if (c >= '0' && c <= '9') {
            int colon = indexOf(b, (byte) ':', at);
            long length = 0;
            for (int i = at; i < colon; i++) {
                if (b[i] < '0' || b[i] > '9' || colon - at > 10) {
                    throw new InvalidManifestException("not a .torrent file: a bad string length");
                }
                length = length * 10 + (b[i] - '0');
            }
            if (colon + 1 + length > b.length) {
                throw truncated();
            }
            return colon + 1 + (int) length;
        }
        throw new InvalidManifestException("not a .torrent file: unexpected byte " + (c & 0xFF) + " at " + at);
    }

    private static int indexOf(byte[] b, byte x, int from) {
        for (int i = from; i < b.length; i++) {
            if (b[i] == x) {
                return i;
            }
        }
        throw truncated();
    }

    private static boolean contains(byte[] haystack, String needle) {
        byte[] n = needle.getBytes(StandardCharsets.US_ASCII);
        outer:
        for (int i = 0; i + n.length <= haystack.length; i++) {
            for (int j = 0; j < n.length; j++) {
                if (haystack[i + j] != n[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    private static InvalidManifestException truncated() {
        return new InvalidManifestException("not a .torrent file: it ends in the middle of a value");
    }
}
