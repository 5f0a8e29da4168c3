package io.chordia.app.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/** Every Duration option of every command reads {@code 30s}, {@code 10m}, {@code 1h} and ISO {@code PT1H} alike. */
class DurationOptionsTest {
    private final InProcessCli cli = new InProcessCli();

    /** The option's value after parsing {@code chordia <path> <required positionals> <option> <text>}. */
    private static Object parsed(CommandLine root, List<String> path, String option, String text) {
        List<String> args = new ArrayList<>(path);
        CommandLine command = root;
        for (String name : path) {
            command = command.getSubcommands().get(name);
        }
        for (PositionalParamSpec p : command.getCommandSpec().positionalParameters()) {
            if (p.required()) {
                // A value it accepts: the first of its choices (sim paper's PAPER), else any word.
                Iterable<String> choices = p.completionCandidates();
                java.util.Iterator<String> first = choices == null ? null : choices.iterator();
                args.add(first != null && first.hasNext() ? first.next() : "x");
            }
        }
        args.add(option);
        args.add(text);
        root.parseArgs(args.toArray(String[]::new));
        return command.getCommandSpec().findOption(option).getValue();
    }

    private static List<String> durationOptions() {
        List<String> found = new ArrayList<>();
        for (CommandLine command : CommandTree.of(ChordiaCommand.newCommandLine())) {
            for (OptionSpec option : command.getCommandSpec().options()) {
                if (option.type() == Duration.class) {
                    found.add(String.join(" ", CommandTree.path(command)) + " " + option.longestName());
                }
            }
        }
        return found;
    }

    @Test
    void everyDurationOptionReadsTheShortFormsAndIso() {
        List<String> options = durationOptions();
        assertThat(options).contains("put --ttl", "sim --duration", "sim --churn-median");
        for (String option : options) {
            List<String> words = List.of(option.split(" "));
            List<String> path = words.subList(0, words.size() - 1);
            String name = words.get(words.size() - 1);
            for (String[] form : new String[][] {{"30s", "PT30S"}, {"10m", "PT10M"}, {"1h", "PT1H"}, {"1d", "PT24H"},
                    {"500ms", "PT0.5S"}, {"PT1H", "PT1H"}}) {
                assertThat(parsed(ChordiaCommand.newCommandLine(), path, name, form[0])).as("chordia %s %s", option, form[0])
                        .isEqualTo(Duration.parse(form[1]));
            }
        }
    }

    @Test
    void withoutTheRegisteredConverterPicocliWantsIso() {
        CommandLine bare = new CommandLine(new ChordiaCommand());
        assertThatThrownBy(() -> parsed(bare, List.of("put"), "--ttl", "1h"))
                .isInstanceOf(CommandLine.ParameterException.class);
        assertThat(parsed(ChordiaCommand.newCommandLine(), List.of("put"), "--ttl", "1h")).isEqualTo(Duration.ofHours(1));
    }

    @Test
    void aBadDurationIsOneLineNamingTheOption() {
        assertThat(cli.run("put", "key", "value", "--ttl", "an hour")).isEqualTo(2);
        assertThat(cli.err().strip().lines()).hasSize(1);
        assertThat(cli.err()).startsWith("chordia put: Invalid value for option '--ttl': 'an hour' is not a duration")
                .contains("1h30m").doesNotContain("java.", "Exception");
    }
}
