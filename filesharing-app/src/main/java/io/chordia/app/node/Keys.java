package io.chordia.app.node;

import io.chordia.app.UserFacingException;
import io.chordia.core.id.NodeId;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/**
 * How a KEY on the command line becomes a 160-bit id: exactly 40 hex digits (either case) are the
 * id itself; any other text is hashed, id = SHA-1 of its UTF-8 bytes. So {@code get alice.txt}
 * reads what {@code put alice.txt ...} stored, and an id printed by {@code lookup} or a log can be
 * pasted back as it is.
 */
public final class Keys {
    public static final int MAX_KEY_BYTES = 1024;
    private static final Pattern HEX_ID = Pattern.compile("[0-9a-fA-F]{40}");

    private Keys() {}

    public static NodeId parse(String key) {
        if (key == null || key.isEmpty()) {
            throw malformed("an empty key");
        }
        if (HEX_ID.matcher(key).matches()) {
            return NodeId.fromHex(key);
        }
        if (key.getBytes(StandardCharsets.UTF_8).length > MAX_KEY_BYTES) {
            throw malformed("a key of more than " + MAX_KEY_BYTES + " bytes");
        }
        for (int i = 0; i < key.length(); i++) {
            if (Character.isISOControl(key.charAt(i))) {
                throw malformed("a key with a control character at " + i);
            }
        }
        return NodeId.sha1Of(key.getBytes(StandardCharsets.UTF_8));
    }

    /** An infohash: exactly 40 hex digits, since a swarm is named by the torrent's SHA-1, never by text. */
    public static NodeId parseInfoHash(String infoHash) {
        if (infoHash == null || !HEX_ID.matcher(infoHash).matches()) {
            throw new UserFacingException("malformed infohash: " + (infoHash == null ? "none" : "'" + infoHash + "'"),
                    "give the torrent's infohash as 40 hex digits");
        }
        return NodeId.fromHex(infoHash);
    }

    private static UserFacingException malformed(String what) {
        return new UserFacingException("malformed key: " + what,
                "give 40 hex digits for an id, or any text of 1 to " + MAX_KEY_BYTES + " bytes to use its SHA-1");
    }
}
