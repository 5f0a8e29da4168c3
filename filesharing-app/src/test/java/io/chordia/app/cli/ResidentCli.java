package io.chordia.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chordia.app.cli.ChordiaProcesses.Result;
import io.chordia.app.control.Json;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The test's end of a {@link CommandLoop} process: client commands answered by one resident JVM
 * (started by {@link ChordiaProcesses#startResidentCli()}, killed with the others). Not thread-safe:
 * one command at a time.
 */
public final class ResidentCli {
    private final Process process;
    private final Writer commands;
    private final BufferedReader answers;
    private final ExecutorService reader;
    private final ObjectMapper json = Json.mapper();

    ResidentCli(Process process) {
        this.process = process;
        this.commands = process.outputWriter(StandardCharsets.UTF_8);
        this.answers = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        this.reader = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "resident-cli-reader");
            t.setDaemon(true);
            return t;
        });
    }

    /** Runs {@code chordia ARGS}; the loop is killed and the test fails if it takes longer than the deadline. */
    public Result run(String... args) throws Exception {
        commands.write(json.writeValueAsString(List.of(args)) + "\n");
        commands.flush();
        Future<String> line = reader.submit(answers::readLine);
        String answer;
        try {
            answer = line.get(ChordiaProcesses.DEADLINE.toSeconds(), TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            process.destroyForcibly();
            throw new AssertionError("'chordia " + String.join(" ", args) + "' did not finish within " + ChordiaProcesses.DEADLINE);
        }
        if (answer == null) {
            throw new IOException("the resident command line exited (" + process.waitFor() + ") during 'chordia "
                    + String.join(" ", args) + "'");
        }
        JsonNode r = json.readTree(answer);
        return new Result(r.get("exit").asInt(), r.get("out").asText(), r.get("err").asText());
    }
}
