package io.chordia.app.cli;

import io.chordia.core.util.UserError;

/**
 * An error the user can act on: the message says what was wrong, the hint what to do. Printed
 * as one line each, without a stack trace unless {@code --verbose}. The behaviour lives in
 * {@link UserError}, so commands in modules below this one (bootstrap) can throw it too.
 */
public final class UserFacingException extends UserError {
    private static final long serialVersionUID = 1L;

    public UserFacingException(String message, String hint) {
        super(message, hint);
    }

    public UserFacingException(String message, String hint, Throwable cause) {
        super(message, hint, cause);
    }
}
