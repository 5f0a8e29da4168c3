package io.chordia.app.cli;

import io.chordia.app.UserFacingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.chordia.app.control.ControlClient;
import io.chordia.app.node.DataDir;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Consumer;
import java.io.PrintWriter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** How a client command finds its node (through the data directory) and how it prints. */
final class DaemonOptions {
    static final Duration TIMEOUT = Duration.ofSeconds(40);

    @Option(names = "--data-dir", paramLabel = "DIR", description = "The node's data directory (default: ~/.chordia).")
    Path dataDir;

    @Option(names = "--json", description = "Print the answer as JSON.")
    boolean json;

    @Spec(Spec.Target.MIXEE)
    CommandSpec command;

    /** Set instead of {@link #command} when {@link ClientFastPath} runs the command without picocli. */
    private PrintWriter out;
    private PrintWriter err;

    void printTo(PrintWriter out, PrintWriter err) {
        this.out = out;
        this.err = err;
    }

    /** Where the command prints its answer (stdout, or a test's writer). */
    PrintWriter out() {
        return out != null ? out : command.commandLine().getOut();
    }

    /** Where the command prints messages that are not its answer. */
    PrintWriter err() {
        return err != null ? err : command.commandLine().getErr();
    }

    DataDir dataDir() {
        return new DataDir(dataDir != null ? dataDir : DataDir.defaultRoot());
    }

    /** Calls {@code command} on the node, mapping "nobody listens" to an error the user can act on. */
    <A> A call(String command, Object request, Class<A> resultType) throws IOException, InterruptedException {
        return call(command, request, resultType, TIMEOUT, progress -> err().println(progress));
    }

    /** Calls a long-running {@code command}, handing each progress update to {@code progress} as it comes. */
    <A> A call(String command, Object request, Class<A> resultType, Duration timeout, Consumer<JsonNode> progress)
            throws IOException, InterruptedException {
        DataDir dir = dataDir();
        ControlClient client = connect(dir);
        try {
            return client.call(command, request, resultType, timeout, progress);
        } catch (ControlClient.NodeNotRunningException e) {
            throw notRunning(dir, e);
        }
    }

    /** The running node's dashboard link; asks the node first, so a stale port file is not printed as a link. */
    String dashboardLink() throws IOException, InterruptedException {
        call("status", new io.chordia.app.node.NodeCommands.StatusRequest(), com.fasterxml.jackson.databind.JsonNode.class);
        return connect(dataDir()).dashboardLink();
    }

    private static ControlClient connect(DataDir dir) throws IOException {
        int port;
        try {
            port = Integer.parseInt(Files.readString(dir.controlPortFile(), StandardCharsets.UTF_8).strip());
        } catch (NoSuchFileException e) {
            throw notRunning(dir, e);
        } catch (NumberFormatException e) {
            throw new UserFacingException("the control port file " + dir.controlPortFile() + " is damaged",
                    "restart the node; it writes the file again");
        }
        try {
            return new ControlClient(port, Files.readString(dir.controlSecretFile(), StandardCharsets.UTF_8).strip());
        } catch (AccessDeniedException e) {
            throw new UserFacingException("cannot read the control secret " + dir.controlSecretFile(),
                    "run this command as the user that runs the node");
        } catch (NoSuchFileException e) {
            throw notRunning(dir, e);
        }
    }

    private static UserFacingException notRunning(DataDir dir, Exception cause) {
        return new UserFacingException("no chordia node is running with data directory " + dir.root(),
                "start one with: chordia node --data-dir " + dir.root(), cause);
    }
}
