package io.chordia.sim.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * Reports a bad option as one line (what was wrong, and where the options are listed) instead of
 * picocli's full usage text, and exits with picocli's usage-error code. A mistyped command or
 * option gets a second, indented line with picocli's nearest matches, like a user error's hint.
 */
public final class OneLineUsageErrors implements IParameterExceptionHandler {
    @Override
    public int handleParseException(ParameterException ex, String[] args) {
        CommandLine cmd = ex.getCommandLine();
        PrintWriter err = cmd.getErr();
        String name = cmd.getCommandSpec().qualifiedName();
        err.println(name + ": " + message(ex) + " (see '" + name + " --help')");
        if (ex instanceof UnmatchedArgumentException unmatched && !unmatched.getSuggestions().isEmpty()) {
            err.println("  did you mean " + suggestions(unmatched, cmd.getCommandSpec()) + "?");
        }
        err.flush();
        return cmd.getCommandSpec().exitCodeOnInvalidInput();
    }

    private static String message(ParameterException ex) {
        CommandSpec spec = ex.getCommandLine().getCommandSpec();
        // "Unmatched argument at index 0: 'stauts'" says nothing to someone who mistyped a command.
        if (ex instanceof UnmatchedArgumentException unmatched && !unmatched.isUnknownOption()
                && !spec.subcommands().isEmpty() && spec.positionalParameters().isEmpty()) {
            return "unknown command '" + unmatched.getUnmatched().get(0) + "'";
        }
        return ex.getMessage().replace('\n', ' ').trim();
    }

    /** Picocli's suggestions: options as they are, subcommands with the command before them. */
    private static String suggestions(UnmatchedArgumentException unmatched, CommandSpec spec) {
        List<String> names = unmatched.getSuggestions();
        return names.stream().map(s -> unmatched.isUnknownOption() ? s : spec.qualifiedName() + " " + s)
                .collect(Collectors.joining(" or "));
    }
}
