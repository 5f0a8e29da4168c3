package io.chordia.core.message;

import io.chordia.core.id.NodeId;
import io.chordia.core.util.Bytes;
import io.chordia.core.util.Checks;

/**
 * Repair's question to a replica: do you hold this version of {@code key}, or a newer one? It
 * carries what ordering needs (version, writer) and a digest of the content instead of the value,
 * so checking a replica that is up to date costs two small datagrams whatever the value's size.
 * Answered by {@link RecordCheck}.
 *
 * @param digest {@link io.chordia.core.store.DhtRecord#contentDigest()}, {@link #DIGEST_BYTES} bytes
 */
public record CheckRecord(NodeId key, long version, NodeId writer, Bytes digest) implements Request<RecordCheck> {
    public static final int DIGEST_BYTES = 20;

    public CheckRecord {
        Checks.notNull(key, "key");
        Checks.notNull(writer, "writer");
        Checks.notNull(digest, "digest");
        Checks.check(digest.length() == DIGEST_BYTES, "a digest is %s bytes, was %s", DIGEST_BYTES, digest.length());
    }

    @Override
    public Class<RecordCheck> responseType() {
        return RecordCheck.class;
    }
}
