package io.chordia.app;

/**
 * An error a person can act on: the message says what was wrong, the hint what to do. The
 * {@code chordia} command line prints it as one line each, without a stack trace unless
 * {@code --verbose}, and exits 1; the node sends it to the client commands over the control channel.
 * It sits in the app's root package, below {@code cli}, {@code node} and {@code control}, which all
 * throw or carry it.
 */
public final class UserFacingException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String hint;

    public UserFacingException(String message, String hint) {
        super(message);
        this.hint = hint;
    }

    public UserFacingException(String message, String hint, Throwable cause) {
        super(message, cause);
        this.hint = hint;
    }

    /** What to do about it; may be {@code null}. */
    public String hint() {
        return hint;
    }
}
