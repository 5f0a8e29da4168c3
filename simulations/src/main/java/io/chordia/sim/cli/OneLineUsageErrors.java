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
        if (ex instanceof UnmatchedArgumentException unmatched) {
            String suggested = suggestions(unmatched, cmd.getCommandSpec());
            if (!suggested.isEmpty()) {
                err.println("  did you mean " + suggested + "?");
            }
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

    /**
     * Picocli's suggestions, else the options a few edits from the one typed (picocli misses swapped
     * letters); options as they are, subcommands with the command before them.
     */
    private static String suggestions(UnmatchedArgumentException unmatched, CommandSpec spec) {
        List<String> names = unmatched.getSuggestions();
        if (names.isEmpty() && unmatched.isUnknownOption() && !unmatched.getUnmatched().isEmpty()) {
            String typed = unmatched.getUnmatched().get(0).split("=", 2)[0];
            List<String> options = spec.options().stream().flatMap(o -> java.util.Arrays.stream(o.names())).toList();
            names = NearNames.of(typed, options).stream().limit(2).toList();
        }
        return names.stream().map(s -> unmatched.isUnknownOption() ? s : spec.qualifiedName() + " " + s)
                .collect(Collectors.joining(" or "));
    }
}
