package io.chordia.app.node;

/** The overlay a node runs; peers of different protocols answer each other UNSUPPORTED. */
public enum Protocol {
    CHORD, KADEMLIA;

    /** The name as written on the command line and in config files. */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
