package io.chordia.app.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.chordia.app.control.Json;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import picocli.CommandLine;

/**
 * A resident chordia command line: reads one command per line on stdin (a JSON array of the
 * arguments), runs it as {@code chordia} would, and answers one JSON line
 * {@code {"exit": N, "out": "...", "err": "..."}}. Until stdin closes.
 *
 * <p>Why: a check that polls every host with get and lookup runs hundreds of commands; a JVM
 * start each (most of a second on two busy cores) would make the multi-host lab slower than the
 * failures it looks for. The commands run the same code as the {@code chordia} process (parsing,
 * error handling, the control channel to the node); only {@code System.exit} is left out.
 */
public final class CommandLoop {
    private CommandLoop() {}

    public static void main(String[] args) throws Exception {
        ObjectMapper json = Json.mapper();
        PrintStream answers = System.out;
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        for (String line = in.readLine(); line != null; line = in.readLine()) {
            String[] command = json.readValue(line, String[].class);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            int exit = run(command, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
            answers.println(json.writeValueAsString(Map.of("exit", exit, "out", out.toString(StandardCharsets.UTF_8),
                    "err", err.toString(StandardCharsets.UTF_8))));
            answers.flush();
        }
    }

    /** Runs one command with everything it prints (also through System.out/err, as fetch's summary does) captured. */
    private static int run(String[] command, PrintStream out, PrintStream err) {
        PrintStream realOut = System.out;
        PrintStream realErr = System.err;
        System.setOut(out);
        System.setErr(err);
        try {
            CommandLine cli = ChordiaCommand.newCommandLine();
            cli.setOut(new PrintWriter(out, true, StandardCharsets.UTF_8));
            cli.setErr(new PrintWriter(err, true, StandardCharsets.UTF_8));
            return cli.execute(command);
        } finally {
            System.setOut(realOut);
            System.setErr(realErr);
        }
    }
}
