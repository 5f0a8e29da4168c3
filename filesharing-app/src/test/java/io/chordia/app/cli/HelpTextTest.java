package io.chordia.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Option;

/** What {@code --help} shows is the same kind of text on every command. */
class HelpTextTest {
    private static final List<CommandLine> COMMANDS = CommandTree.of(ChordiaCommand.newCommandLine());
    private static final String EXPANDED_HOME = Path.of(System.getProperty("user.home"), ".chordia").toString();

    private static String help(CommandLine command) {
        StringWriter text = new StringWriter();
        command.usage(new PrintWriter(text, true));
        return text.toString();
    }

    /** Options and parameters that show picocli's {@code <fieldName>} instead of a word like DIR or N. */
    private static List<String> fieldNamePlaceholders(List<CommandLine> commands) {
        List<String> found = new ArrayList<>();
        for (CommandLine command : commands) {
            for (ArgSpec arg : command.getCommandSpec().args()) {
                if (!arg.typeInfo().isBoolean() && !arg.hidden() && arg.paramLabel().startsWith("<")) {
                    found.add(String.join(" ", CommandTree.path(command)) + " " + arg.paramLabel());
                }
            }
        }
        return found;
    }

    @Test
    void everyPlaceholderIsAWordNotAFieldName() {
        assertThat(fieldNamePlaceholders(COMMANDS)).isEmpty();
    }

    @Test
    void theDataDirectoryIsTildeDotChordiaInEveryHelp() {
        int mentions = 0;
        for (CommandLine command : COMMANDS) {
            String help = help(command);
            assertThat(help).as("chordia %s --help", CommandTree.path(command)).doesNotContain(EXPANDED_HOME);
            if (help.contains("--data-dir")) {
                assertThat(help).as("chordia %s --help", CommandTree.path(command)).contains("~/.chordia");
                mentions++;
            }
        }
        assertThat(mentions).as("commands with --data-dir").isGreaterThanOrEqualTo(7);
    }

    @Command(name = "careless")
    static final class Careless {
        @Option(names = "--data-dir", description = "Where (default: ${DEFAULT-VALUE}).")
        Path dataDir = Path.of(System.getProperty("user.home"), ".chordia");

        @Option(names = "--peers")
        int peers;
    }

    @Test
    void theChecksSeeAFieldNameAndAnExpandedHome() {
        CommandLine careless = new CommandLine(new Careless());
        assertThat(fieldNamePlaceholders(List.of(careless))).containsExactlyInAnyOrder(" <dataDir>", " <peers>");
        assertThat(help(careless)).contains(EXPANDED_HOME);
    }
}
