package io.chordia.routing;

import io.chordia.core.transport.WireProfile;
import io.chordia.routing.overlay.ChordOverlayFactory;
import io.chordia.routing.overlay.KademliaOverlayFactory;
import io.chordia.routing.overlay.OverlayFactory;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The overlay a node speaks. Every node of one network speaks the same one; a node of the other
 * answers {@code UNSUPPORTED}. This enum owns the default, so the daemon, the bootstrap node, the
 * simulator and the demo cannot drift apart (they once defaulted to different protocols, and
 * the README's own two commands then could not meet). It is also the registry of overlays: each
 * constant holds the {@link OverlayFactory} that builds its nodes, so adding a protocol is adding
 * a constant here and its factory.
 */
public enum Protocol {
    CHORD(ChordOverlayFactory.INSTANCE, WireProfile.CHORDIA),
    KADEMLIA(KademliaOverlayFactory.INSTANCE, WireProfile.CHORDIA),
    /** Our Kademlia with BEP 5's k = 8 and get_peers/announce_peer, over KRPC: a node of the BitTorrent DHT. */
    MAINLINE(KademliaOverlayFactory.MAINLINE, WireProfile.KRPC);

    /** The default's {@link #label()}, a constant so that command-line annotations can name it. */
    public static final String DEFAULT_LABEL = "chord";
    /** What every command's {@code --protocol} option says in its help. */
    public static final String OPTION_HELP = "Overlay protocol, chord, kademlia or mainline (Kademlia over"
            + " BitTorrent's KRPC); every node of a network speaks the same one (default: " + DEFAULT_LABEL + ").";
    /** Used wherever nobody chose: node, bootstrap, sim and demo. */
    public static final Protocol DEFAULT = parse(DEFAULT_LABEL);

    private final OverlayFactory<?> overlay;
    private final WireProfile wire;

    Protocol(OverlayFactory<?> overlay, WireProfile wire) {
        this.overlay = overlay;
        this.wire = wire;
    }

    /** The bytes this protocol's nodes exchange; nodes of different profiles cannot even decode each other. */
    public WireProfile wire() {
        return wire;
    }

    /** How to build and read this protocol's nodes. */
    public OverlayFactory<?> overlay() {
        return overlay;
    }

    /** The name as written on the command line and in config files. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * {@code chord}, {@code kademlia} or {@code mainline}, any case, surrounding blanks ignored.
     *
     * @throws IllegalArgumentException saying what is accepted
     */
    public static Protocol parse(String text) {
        for (Protocol p : values()) {
            if (p.name().equalsIgnoreCase(text.strip())) {
                return p;
            }
        }
        throw new IllegalArgumentException("unknown protocol '" + text + "': use "
                + Arrays.stream(values()).map(Protocol::label).collect(Collectors.joining(", ")));
    }

    @Override
    public String toString() {
        return label();
    }
}
