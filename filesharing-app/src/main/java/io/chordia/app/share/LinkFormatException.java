package io.chordia.app.share;

/** A link that cannot be parsed; the message says why in one line. */
public final class LinkFormatException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public LinkFormatException(String message) {
        super(message);
    }
}
