package io.chordia.app.share;

/** A manifest (or a path in one) that breaks a rule; the message says which, for a person. */
public final class InvalidManifestException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public InvalidManifestException(String message) {
        super(message);
    }
}
