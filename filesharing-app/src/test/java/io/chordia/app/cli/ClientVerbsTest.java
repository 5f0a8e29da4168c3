package io.chordia.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/** The lean command line of each client verb must say and accept what the whole tree does. */
class ClientVerbsTest {
    static List<String> verbs() {
        return ClientVerbs.VERBS;
    }

    @ParameterizedTest
    @MethodSource("verbs")
    void helpIsTheWholeTreesHelp(String verb) {
        assertThat(run(ClientVerbs.commandLine(verb), verb, "--help"))
                .isEqualTo(run(ChordiaCommand.newCommandLine(), verb, "--help"));
    }

    @ParameterizedTest
    @MethodSource("verbs")
    void optionsAndParametersAreTheWholeTrees(String verb) {
        assertThat(shape(ClientVerbs.commandLine(verb).getSubcommands().get(verb)))
                .isEqualTo(shape(ChordiaCommand.newCommandLine().getSubcommands().get(verb)));
    }

    @ParameterizedTest
    @MethodSource("verbs")
    void versionAndUsageErrorsAreTheWholeTrees(String verb) {
        for (String[] args : List.of(new String[] {verb, "-V"}, new String[] {verb, "--jsno"},
                new String[] {verb, "a", "b", "c"})) {
            assertThat(run(ClientVerbs.commandLine(verb), args)).as(String.join(" ", args))
                    .isEqualTo(run(ChordiaCommand.newCommandLine(), args));
        }
    }

    @Test
    void everyCommandThatTalksToTheNodeIsAClientVerb() {
        List<String> talkingToTheNode = ChordiaCommand.newCommandLine().getSubcommands().values().stream()
                .filter(c -> c.getCommandSpec().mixins().values().stream()
                        .anyMatch(m -> m.userObject() instanceof DaemonOptions))
                .map(CommandLine::getCommandName).collect(Collectors.toList());
        assertThat(talkingToTheNode).isNotEmpty();
        assertThat(ClientVerbs.VERBS).as("a command with DaemonOptions runs fast once it is in ClientVerbs.VERBS"
                + " and ClientVerbs.command").containsAll(talkingToTheNode);
    }

    @Test
    void onlyClientVerbsTakeTheLeanPath() {
        assertThat(ChordiaCommand.commandLineFor("status").getSubcommands()).containsOnlyKeys("status");
        assertThat(ChordiaCommand.commandLineFor("node").getSubcommands()).containsOnlyKeys("node");
        assertThat(ChordiaCommand.commandLineFor("demo").getSubcommands()).containsKey("sim").containsKey("status");
        assertThat(ChordiaCommand.commandLineFor("--help").getSubcommands()).containsKey("node");
        assertThat(ChordiaCommand.commandLineFor().getSubcommands()).containsKey("node");
        assertThat(ClientVerbs.commandLine("stauts")).isNull();
    }

    @Test
    void theComparisonSeesADriftedOption() {
        CommandLine drifted = ClientVerbs.commandLine("status");
        drifted.getSubcommands().get("status").getCommandSpec().addOption(OptionSpec.builder("--extra").build());
        assertThat(shape(drifted.getSubcommands().get("status")))
                .isNotEqualTo(shape(ChordiaCommand.newCommandLine().getSubcommands().get("status")));
        assertThat(run(drifted, "status", "--help")).isNotEqualTo(run(ChordiaCommand.newCommandLine(), "status", "--help"));
    }

    /** Exit code, stdout and stderr of one run. */
    private static String run(CommandLine cli, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int code = cli.execute(args);
        return "exit " + code + "\nout:\n" + out + "err:\n" + err;
    }

    private static TreeSet<String> shape(CommandLine command) {
        TreeSet<String> shape = new TreeSet<>();
        for (OptionSpec o : command.getCommandSpec().options()) {
            shape.add(String.join("|", o.names()) + " " + o.type().getName() + " " + o.arity() + " inherited="
                    + o.inherited() + " default=" + o.defaultValue() + " " + String.join(" ", o.description()));
        }
        command.getCommandSpec().positionalParameters().forEach(p -> shape.add(
                p.index() + " " + p.paramLabel() + " " + p.type().getName() + " " + p.arity()));
        return shape;
    }
}
