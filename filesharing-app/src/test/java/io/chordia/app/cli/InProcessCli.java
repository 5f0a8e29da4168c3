package io.chordia.app.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import picocli.CommandLine;

/** Runs the chordia command line in this JVM, as {@code execute} builds it, with its output captured. */
public final class InProcessCli {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    /** Runs one command; returns its exit code. Output accumulates across runs. */
    public int run(String... args) {
        CommandLine cli = ChordiaCommand.newCommandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(args);
    }

    public String out() {
        return out.toString();
    }

    public String err() {
        return err.toString();
    }

    /** Forgets the errors printed so far. */
    public void clearErr() {
        err.getBuffer().setLength(0);
    }
}
