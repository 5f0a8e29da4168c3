package io.chordia.app.cli;

import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;

/** Every command of a command line, parent before children, for rules that must hold on all of them. */
final class CommandTree {
    private CommandTree() {}

    static List<CommandLine> of(CommandLine root) {
        List<CommandLine> all = new ArrayList<>();
        add(root, all);
        return all;
    }

    private static void add(CommandLine command, List<CommandLine> all) {
        all.add(command);
        for (CommandLine sub : command.getSubcommands().values()) {
            if (!all.contains(sub)) {
                add(sub, all);
            }
        }
    }

    /** The words after {@code chordia} that select {@code command}, e.g. {@code [bootstrap, flood]}. */
    static List<String> path(CommandLine command) {
        List<String> path = new ArrayList<>();
        for (CommandLine c = command; c.getParent() != null; c = c.getParent()) {
            path.add(0, c.getCommandName());
        }
        return path;
    }
}
