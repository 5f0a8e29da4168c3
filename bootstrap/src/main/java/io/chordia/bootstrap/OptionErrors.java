package io.chordia.bootstrap;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/**
 * How the bootstrap commands report a value the user gave (or left at its default) that does not
 * work here: a port in use, a data directory that is not writable, an out-of-range limit. They run
 * under {@code chordia}, whose user-error type lives in the app above this module; picocli's
 * ParameterException is the user-input error both modules know, and chordia prints it as one line
 * with the command's name, what to change, and where its options are listed (exit code 2).
 */
final class OptionErrors {
    private OptionErrors() {}

    static ParameterException rejected(CommandSpec command, String message, String hint) {
        return new ParameterException(command.commandLine(), message + "; " + hint);
    }

    static ParameterException rejected(CommandSpec command, String message, String hint, Throwable cause) {
        return new ParameterException(command.commandLine(), message + "; " + hint, cause);
    }
}
