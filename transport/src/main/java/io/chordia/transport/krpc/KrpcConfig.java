package io.chordia.transport.krpc;

import io.chordia.core.util.Bytes;
import io.chordia.core.util.Checks;

/**
 * How a {@link KrpcWireCodec} writes and what it accepts.
 *
 * @param maxEncodedBytes  the largest datagram written or accepted
 * @param version          the {@code v} value we write (BEP 5: two letters for the client, two bytes
 *                         of version); empty to write none
 * @param readOnly         mark our queries {@code ro: 1} (BEP 43), asking others not to add us
 * @param foreignIdMemory  peers' transaction ids longer than 7 bytes remembered for the reply
 */
public record KrpcConfig(int maxEncodedBytes, Bytes version, boolean readOnly, int foreignIdMemory) {
    /** BEP 5's K: the contacts a find_node is answered with, and the bucket size. */
    public static final int K = 8;
    /** "CH", then version 0.1. */
    public static final Bytes CHORDIA_VERSION = Bytes.wrapOwned(new byte[] {'C', 'H', 0, 1});
    /** The largest UDP payload that crosses IPv6 links unfragmented, as the Netty transport uses. */
    public static final int DEFAULT_MAX_DATAGRAM_BYTES = 1232;

    public KrpcConfig {
        Checks.inRange(maxEncodedBytes, 64, 65_507, "maxEncodedBytes");
        Checks.notNull(version, "version");
        Checks.check(version.length() <= 16, "a version is at most 16 bytes, got %s", version.length());
        Checks.inRange(foreignIdMemory, 1, 1 << 20, "foreignIdMemory");
    }

    public static KrpcConfig defaults() {
        return new KrpcConfig(DEFAULT_MAX_DATAGRAM_BYTES, CHORDIA_VERSION, false, 4096);
    }

    public KrpcConfig withMaxEncodedBytes(int value) {
        return new KrpcConfig(value, version, readOnly, foreignIdMemory);
    }

    public KrpcConfig withVersion(Bytes value) {
        return new KrpcConfig(maxEncodedBytes, value, readOnly, foreignIdMemory);
    }

    public KrpcConfig withReadOnly(boolean value) {
        return new KrpcConfig(maxEncodedBytes, version, value, foreignIdMemory);
    }

    public KrpcConfig withForeignIdMemory(int value) {
        return new KrpcConfig(maxEncodedBytes, version, readOnly, value);
    }
}
