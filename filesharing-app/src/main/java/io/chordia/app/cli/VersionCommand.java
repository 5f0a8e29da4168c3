package io.chordia.app.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code chordia version}: what {@code chordia --version} prints, for those who type it as a command. */
@Command(name = "version", mixinStandardHelpOptions = true, description = "Print the version (as chordia --version does).")
final class VersionCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.root().commandLine().printVersionHelp(spec.commandLine().getOut());
    }
}
