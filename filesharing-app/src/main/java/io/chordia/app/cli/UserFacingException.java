package io.chordia.app.cli;

/**
 * An error the user can act on: the message says what was wrong, the hint what to do. Printed
 * as one line each, without a stack trace unless {@code --verbose}.
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

    public String hint() {
        return hint;
    }
}
