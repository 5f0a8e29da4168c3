package io.chordia.app.interop;

/**
 * A test peer cannot run on this machine. The message is one line naming what is missing and how
 * to install it: the interop tests fail with it, they never skip.
 */
public final class InteropPeerMissingException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    InteropPeerMissingException(String missing) {
        super("interop peer missing: " + missing);
    }
}
