package io.chordia.core.util;

/**
 * An error a person can act on: the message says what was wrong, the hint what to do. Every
 * command (in any module) throws it; the {@code chordia} command line prints it as one line each,
 * without a stack trace unless {@code --verbose}, and exits 1.
 */
public class UserError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String hint;

    public UserError(String message, String hint) {
        super(message);
        this.hint = hint;
    }

    public UserError(String message, String hint, Throwable cause) {
        super(message, cause);
        this.hint = hint;
    }

    /** What to do about it; may be {@code null}. */
    public String hint() {
        return hint;
    }
}
