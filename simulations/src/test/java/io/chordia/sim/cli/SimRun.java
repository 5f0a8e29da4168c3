package io.chordia.sim.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import picocli.CommandLine;

/** One {@code chordia sim} invocation in-process: exit code, stdout, stderr. */
record SimRun(int exitCode, String out, String err) {
    static SimRun of(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = SimCommand.newCommandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int code = cli.execute(args);
        return new SimRun(code, out.toString(), err.toString());
    }
}
