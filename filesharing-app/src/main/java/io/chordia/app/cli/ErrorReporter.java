package io.chordia.app.cli;

import io.chordia.app.UserFacingException;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/** Turns exceptions escaping a command into one readable line and an exit code. */
final class ErrorReporter implements IExecutionExceptionHandler {
    static final int USER_ERROR = 1;
    static final int INTERNAL_ERROR = 70;

    @Override
    public int handleExecutionException(Exception e, CommandLine cmd, ParseResult parsed) {
        boolean verbose = false;
        // --verbose is inherited, so it may follow any level: chordia bootstrap flood --verbose.
        for (ParseResult level = parsed; level != null; level = level.subcommand()) {
            verbose |= level.hasMatchedOption("--verbose");
        }
        return report(e, verbose, cmd.getErr());
    }

    /** Prints {@code e} for a person on {@code err} and returns the exit code; also for runs without picocli. */
    static int report(Exception e, boolean verbose, PrintWriter err) {
        if (e instanceof UserFacingException user) {
            err.println("chordia: " + user.getMessage());
            if (user.hint() != null) {
                err.println("  " + user.hint());
            }
            if (verbose) {
                e.printStackTrace(err);
            }
            return USER_ERROR;
        }
        err.println("chordia: unexpected error: " + e);
        if (verbose) {
            e.printStackTrace(err);
        } else {
            err.println("  run again with --verbose for the stack trace");
        }
        return INTERNAL_ERROR;
    }
}
