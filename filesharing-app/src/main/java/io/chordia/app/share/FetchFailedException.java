package io.chordia.app.share;

/** A fetch that could not complete; the message says why for a person (no peers, all banned, disk error...). */
public class FetchFailedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public FetchFailedException(String message) {
        super(message);
    }

    public FetchFailedException(String message, Throwable cause) {
        super(message, cause);
    }
}
