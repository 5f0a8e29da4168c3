package io.chordia.core.transport;

/** Input that does not decode; carries the drop reason it is counted under. No stack trace: it is routine. */
public final class MalformedMessageException extends Exception {
    private static final long serialVersionUID = 1L;

    private final DropReason reason;

    public MalformedMessageException(DropReason reason, String message) {
        super(message, null, false, false);
        this.reason = reason;
    }

    public DropReason reason() {
        return reason;
    }
}
