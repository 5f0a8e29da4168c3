package io.chordia.app.share;

/** A fetch whose peer lookup found nobody announcing the content: it fails at once rather than wait for a peer. */
public final class NoPeersException extends FetchFailedException {
    private static final long serialVersionUID = 1L;

    public NoPeersException(String message) {
        super(message);
    }
}
