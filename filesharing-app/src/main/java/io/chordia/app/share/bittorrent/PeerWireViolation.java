package io.chordia.app.share.bittorrent;

import io.chordia.app.share.swarm.DropReason;

/** Input that breaks the peer wire's rules: the connection is closed and the peer banned. */
public final class PeerWireViolation extends Exception {
    private final DropReason reason;

    public PeerWireViolation(DropReason reason, String message) {
        super(message, null, false, false);
        this.reason = reason;
    }

    public DropReason reason() {
        return reason;
    }
}
