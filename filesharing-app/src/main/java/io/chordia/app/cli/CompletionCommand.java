package io.chordia.app.cli;

import java.io.PrintWriter;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code chordia completion}: picocli's bash completion script for the whole command tree, on stdout. */
@Command(name = "completion", mixinStandardHelpOptions = true,
        description = {"Print a completion script for bash (zsh: after 'autoload bashcompinit && bashcompinit').",
                "Load it into this shell with: source <(./chordia completion)"})
final class CompletionCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        CommandLine root = spec.root().commandLine();
        PrintWriter out = spec.commandLine().getOut();
        out.print(AutoComplete.bash(root.getCommandName(), root));
        out.flush();
    }
}
