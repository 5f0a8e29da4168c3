package io.chordia.app.share;

import io.chordia.core.id.NodeId;
import io.chordia.core.util.Checks;

/**
 * What a content is called: SHA-1 of its encoded manifest. It is a {@link NodeId} so it is also
 * the DHT key its peers are announced under.
 */
public record ContentId(NodeId id) {
    public ContentId {
        Checks.notNull(id, "id");
    }

    public static ContentId of(byte[] encodedManifest) {
        return new ContentId(NodeId.sha1Of(encodedManifest));
    }

    public static ContentId fromHex(String hex) {
        return new ContentId(NodeId.fromHex(hex));
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
