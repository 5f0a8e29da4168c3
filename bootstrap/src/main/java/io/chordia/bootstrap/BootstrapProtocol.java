package io.chordia.bootstrap;

import java.util.Locale;

/** The overlay a bootstrap node speaks; peers of the other one get {@code UNSUPPORTED}. */
public enum BootstrapProtocol {
    CHORD, KADEMLIA;

    /** {@code chord} or {@code kademlia}, any case. */
    public static BootstrapProtocol parse(String text) {
        for (BootstrapProtocol p : values()) {
            if (p.name().equalsIgnoreCase(text.trim())) {
                return p;
            }
        }
        throw new IllegalArgumentException("unknown protocol '" + text + "': use chord or kademlia");
    }

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
