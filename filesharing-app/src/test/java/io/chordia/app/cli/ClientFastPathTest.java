package io.chordia.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.chordia.app.control.ControlCommand;
import io.chordia.app.control.ControlRegistry;
import io.chordia.app.control.ControlServer;
import io.chordia.app.node.DataDir;
import io.chordia.app.node.FetchCommands;
import io.chordia.app.node.ItemCommands;
import io.chordia.app.node.Keys;
import io.chordia.app.node.NodeCommands.GetReply;
import io.chordia.app.node.NodeCommands.GetRequest;
import io.chordia.app.node.NodeCommands.LookupReply;
import io.chordia.app.node.NodeCommands.LookupRequest;
import io.chordia.app.node.NodeCommands.PutReply;
import io.chordia.app.node.NodeCommands.PutRequest;
import io.chordia.app.node.NodeCommands.StatusRequest;
import io.chordia.app.node.NodeStatus;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** A client verb run without picocli prints, sends and exits as the picocli run does, or leaves the run to picocli. */
class ClientFastPathTest {
    private static final String SECRET = "0123456789abcdef0123456789abcdef";

    @TempDir
    Path dir;

    private ControlServer server;
    private final List<String> requests = new ArrayList<>();

    @BeforeEach
    void startAFakeNode() throws Exception {
        String missing = Keys.parse("missing").toHex();
        ControlRegistry registry = new ControlRegistry()
                .register(verb("status", StatusRequest.class, q -> new NodeStatus("ab12", "chord", "127.0.0.1:4000", 3725,
                        "new network", "fingers 3", 3, List.of("cd34@127.0.0.1:4001"), 2, 4096, 1,
                        new NodeStatus.Traffic(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14),
                        new NodeStatus.Guard(1, 2, 3, 4, 5, 6, 7),
                        new NodeStatus.Shape(List.of(), List.of(), List.of(), List.of(1, 2)), List.of(), 0, 0)))
                .register(verb("transfers", FetchCommands.TransfersRequest.class,
                        q -> new FetchCommands.TransfersReply(List.of())))
                .register(verb("get", GetRequest.class, q -> q.key().equals(missing)
                        ? new GetReply(q.key(), "NOT_FOUND", null, List.of("n1"))
                        : new GetReply(q.key(), "FOUND", "value of " + q.key(), List.of("n1"))))
                .register(verb("put", PutRequest.class, q -> new PutReply(q.key(), "OK", List.of("n1@127.0.0.1:4001"),
                        List.of(), 3, 1, "only 1 node known", 1, null)))
                .register(verb("put-item", ItemCommands.PutItemRequest.class, q -> new ItemCommands.PutItemReply(
                        "e5f96f6f38320f0f33959cb4d3d656452117aadb", q.publicKey(), q.seq(), "OK", List.of("n1"), List.of(),
                        List.of())))
                .register(verb("get-item", ItemCommands.GetItemRequest.class, q -> new ItemCommands.GetItemReply(
                        "e5f96f6f38320f0f33959cb4d3d656452117aadb", "FOUND", "v", "0176", 4, List.of("n1"), 0)))
                .register(verb("lookup", LookupRequest.class, q -> new LookupReply(q.key(), "OK", "n2", 2, 3, 1.5,
                        List.of("n1", "n2"), List.of("n2"))));
        server = ControlServer.start(registry, SECRET, 0);
        DataDir data = new DataDir(dir);
        Files.writeString(data.controlPortFile(), Integer.toString(server.port()));
        Files.writeString(data.controlSecretFile(), SECRET);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void plainUsesRunDirectlyAndMatchPicocli() {
        String hex = "00112233445566778899aabbccddeeff00112233";
        List<List<String>> uses = List.of(List.of("status"), List.of("status", "--json"), List.of("status", "--verbose"),
                List.of("get", "alice"), List.of("get", hex, "--json"), List.of("get", "missing"),
                List.of("get", ""), List.of("put", "k", "v"), List.of("put", "k", "v", "--ttl", "1h"),
                List.of("put", "--ttl=30m", "k", "a value", "--json"), List.of("put", "k", "v", "--ttl", "PT2H"),
                List.of("lookup", "k"), List.of("lookup", "k", "--style", "recursive"),
                List.of("lookup", "k", "--style=bogus"), List.of("lookup", "--json", "k"), List.of("get"),
                List.of("put", "--immutable", "Hello World!"), List.of("get", "--public-key", "ab".repeat(32), "--salt", "s"),
                List.of("put", "--mutable", "--key-file", dir.resolve("item.key").toString(), "--salt", "s", "v"));
        for (List<String> use : uses) {
            String[] args = withDataDir(use);
            int before = requests.size();
            Run direct = new Run();
            Integer code = ClientFastPath.run(args, direct.out, direct.err);
            int sent = requests.size();
            Run picocli = new Run();
            CommandLine cli = ClientVerbs.commandLine(use.get(0));
            cli.setOut(picocli.out);
            cli.setErr(picocli.err);
            int picocliCode = cli.execute(args);
            assertThat(code).as("%s runs directly", use).isNotNull();
            assertThat(direct.text(code)).as("chordia %s", use).isEqualTo(picocli.text(picocliCode));
            assertThat(requests.subList(before, sent)).as("what chordia %s sent", use)
                    .isEqualTo(requests.subList(sent, requests.size()));
        }
        // the empty key, no key and the bogus style never reach the node; status asks for status and transfers,
        // a mutable put without --seq reads the item's seq first
        assertThat(requests).hasSize(2 * (19 - 1 - 1 - 1 + 3 + 1));
    }

    @Test
    void anythingElseIsLeftToPicocliAndNothingRuns() {
        List<List<String>> uses = List.of(List.of("status", "--help"), List.of("status", "-h"), List.of("status", "-V"),
                List.of("status", "--jsno"), List.of("status", "extra"), List.of("status", "--json", "--json"),
                List.of("status", "--verbose", "--verbose"), List.of("status", "--json=true"),
                List.of("get", "a", "b"), List.of("get", "@args.txt"), List.of("get", "--", "-k"),
                List.of("put", "k", "v", "--ttl", "soon"), List.of("put", "k", "v", "--ttl"),
                List.of("lookup", "k", "--style", "-x"), List.of("version"), List.of("node"), List.of("stauts"),
                List.of("--verbose", "status"), List.of("help", "status"));
        for (List<String> use : uses) {
            Run direct = new Run();
            assertThat(ClientFastPath.run(withDataDir(use), direct.out, direct.err)).as("chordia %s", use).isNull();
            assertThat(direct.text(0)).as("chordia %s printed", use).isEqualTo(new Run().text(0));
        }
        assertThat(ClientFastPath.run(new String[0], new Run().out, new Run().err)).isNull();
        assertThat(requests).isEmpty();
    }

    @Test
    void aCommandFilledInWaysNotCopiedHereIsLeftToPicocli() {
        String[] args = {"x", "--data-dir=" + dir};
        Run run = new Run();
        assertThat(ClientFastPath.run(new Plain(), args, run.out, run.err)).isZero(); // the control: this one runs
        assertThat(ClientFastPath.run(new WithSpec(), args, run.out, run.err)).isNull();
        assertThat(ClientFastPath.run(new WithGroup(), args, run.out, run.err)).isNull();
        assertThat(ClientFastPath.run(new Inheriting(), args, run.out, run.err)).isNull();
        assertThat(ClientFastPath.run(new Plain(), new String[] {"x", "--count", "3"}, run.out, run.err)).isNull();
        assertThat(ClientFastPath.run(new WithoutDaemon(), new String[] {"x"}, run.out, run.err)).isNull();
    }

    static class Plain implements Callable<Integer> {
        @Mixin
        DaemonOptions daemon;

        @Option(names = "--count")
        Integer count; // a type read only by picocli: given, the run is picocli's

        @Override
        public Integer call() {
            return 0;
        }
    }

    static final class WithSpec implements Callable<Integer> {
        @Mixin
        DaemonOptions daemon;

        @Spec
        CommandSpec spec; // left null without picocli

        @Override
        public Integer call() {
            return spec.commandLine() == null ? 1 : 0;
        }
    }

    static final class Inheriting extends Plain {
    }

    static final class WithGroup implements Callable<Integer> {
        @Mixin
        DaemonOptions daemon;

        @ArgGroup
        Plain group;

        @Override
        public Integer call() {
            return 0;
        }
    }

    static final class WithoutDaemon implements Callable<Integer> {
        @Override
        public Integer call() {
            return 0;
        }
    }

    @Test
    void noNodeIsTheSameUserErrorEitherWay() throws Exception {
        server.close();
        String[] args = {"status", "--data-dir", dir.resolve("elsewhere").toString()};
        Run direct = new Run();
        Integer code = ClientFastPath.run(args, direct.out, direct.err);
        Run picocli = new Run();
        CommandLine cli = ClientVerbs.commandLine("status");
        cli.setOut(picocli.out);
        cli.setErr(picocli.err);
        assertThat(code).isEqualTo(ErrorReporter.USER_ERROR);
        assertThat(direct.text(code)).contains("no chordia node is running").isEqualTo(picocli.text(cli.execute(args)));
    }

    private String[] withDataDir(List<String> use) {
        List<String> args = new ArrayList<>(use);
        if (!use.isEmpty() && ClientVerbs.VERBS.contains(use.get(0)) && !use.contains("--")) {
            args.add(1, "--data-dir=" + dir);
        }
        return args.toArray(String[]::new);
    }

    private <Q, A> ControlCommand<Q, A> verb(String name, Class<Q> type, Function<Q, A> handler) {
        return new ControlCommand<>() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public Class<Q> requestType() {
                return type;
            }

            @Override
            public A handle(Q request, Progress progress) {
                synchronized (requests) {
                    requests.add(name + " " + request);
                }
                return handler.apply(request);
            }
        };
    }

    /** What one run printed. */
    private static final class Run {
        final StringWriter outText = new StringWriter();
        final StringWriter errText = new StringWriter();
        final PrintWriter out = new PrintWriter(outText, true);
        final PrintWriter err = new PrintWriter(errText, true);

        String text(Integer code) {
            return "exit " + code + "\nout:\n" + outText + "err:\n" + errText;
        }
    }
}
