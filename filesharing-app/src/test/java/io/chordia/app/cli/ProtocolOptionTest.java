package io.chordia.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.chordia.app.node.NodeSettings;
import io.chordia.routing.Protocol;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Every command with {@code --protocol} defaults to the same protocol and says so in the same
 * words: the README's two commands (a bootstrap node, then a node joining it) must meet without
 * options, which they did not when the bootstrap node defaulted to Kademlia and the node to Chord.
 */
class ProtocolOptionTest {
    private static final List<List<String>> COMMANDS = List.of(List.of("node"), List.of("bootstrap"),
            List.of("bootstrap", "flood"), List.of("sim"));

    /** The command at {@code path}, its options parsed from {@code path} alone (so at their defaults). */
    private static CommandLine subcommand(List<String> path) {
        CommandLine cli = ChordiaCommand.newCommandLine();
        cli.parseArgs(path.toArray(String[]::new));
        for (String name : path) {
            cli = cli.getSubcommands().get(name);
        }
        return cli;
    }

    @Test
    void everyProtocolOptionHasTheSameHelp() {
        for (List<String> path : COMMANDS) {
            OptionSpec option = subcommand(path).getCommandSpec().findOption("--protocol");
            assertThat(option).as("chordia %s --protocol", path).isNotNull();
            assertThat(option.description()).as("chordia %s --protocol", path).containsExactly(Protocol.OPTION_HELP);
        }
        assertThat(Protocol.OPTION_HELP).contains("(default: chord)");
    }

    @Test
    void everyCommandDefaultsToTheSameProtocol() {
        for (List<String> path : List.of(List.of("bootstrap"), List.of("bootstrap", "flood"), List.of("sim"))) {
            Object value = subcommand(path).getCommandSpec().findOption("--protocol").getValue();
            assertThat(String.valueOf(value)).as("chordia %s", path).isEqualTo(Protocol.DEFAULT.label());
        }
        assertThat(NodeSettings.defaults().protocol()).isEqualTo(Protocol.DEFAULT);
        assertThat(Protocol.DEFAULT).isEqualTo(Protocol.CHORD);
    }
}
