package io.chordia.sim.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;

/**
 * Reports a bad option as one line (what was wrong) plus one hint (where the options are listed),
 * instead of picocli's full usage text, and exits with picocli's usage-error code.
 */
public final class OneLineUsageErrors implements IParameterExceptionHandler {
    @Override
    public int handleParseException(ParameterException ex, String[] args) {
        CommandLine cmd = ex.getCommandLine();
        PrintWriter err = cmd.getErr();
        err.println(cmd.getCommandSpec().qualifiedName() + ": " + ex.getMessage());
        err.println("  see '" + cmd.getCommandSpec().qualifiedName() + " --help' for the options");
        err.flush();
        return cmd.getCommandSpec().exitCodeOnInvalidInput();
    }
}
