package io.chordia.routing.replication;

import io.chordia.core.net.Address;
import io.chordia.core.util.Bytes;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.random.RandomGenerator;

/**
 * Write tokens as in BitTorrent's DHT: a store is accepted only from an address that recently
 * asked us (and so can receive at that address), which stops blind stores from spoofed
 * addresses. A token is 8 bytes of SHA-1(secret ‖ address); the secret rotates, and tokens of
 * the current and the previous secret are accepted.
 */
public final class WriteTokens {
    private final RandomGenerator random;
    private byte[] current;
    private byte[] previous;

    public WriteTokens(RandomGenerator random) {
        this.random = random;
        this.current = newSecret();
        this.previous = current;
    }

    public void rotate() {
        previous = current;
        current = newSecret();
    }

    Bytes tokenFor(Address address) {
        return token(current, address.toString());
    }

    boolean isValid(Bytes token, Address address) {
        return isValid(token, address.toString());
    }

    /**
     * A token bound to {@code address}'s IP only, as BEP 5 binds announce tokens: a peer may
     * announce from another port of the same host (libtorrent's uTP socket, a NAT's remapping).
     */
    public Bytes tokenForHost(Address address) {
        return token(current, address.host());
    }

    /** Whether {@code token} is one {@link #tokenForHost} gave {@code address}'s IP under the current or previous secret. */
    public boolean isValidForHost(Bytes token, Address address) {
        return isValid(token, address.host());
    }

    private boolean isValid(Bytes token, String key) {
        return token.equals(token(current, key)) || token.equals(token(previous, key));
    }

    private byte[] newSecret() {
        byte[] s = new byte[16];
        random.nextBytes(s);
        return s;
    }

    private static Bytes token(byte[] secret, String key) {
        try {
            MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
            sha1.update(secret);
            sha1.update(key.getBytes(StandardCharsets.UTF_8));
            byte[] digest = sha1.digest();
            return Bytes.copyOf(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime provides SHA-1", e);
        }
    }
}
