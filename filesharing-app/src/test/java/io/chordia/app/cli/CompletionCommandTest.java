package io.chordia.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class CompletionCommandTest {
    private final InProcessCli cli = new InProcessCli();

    @Test
    void printsABashScriptForTheWholeCommandTree() {
        assertThat(cli.run("completion")).isZero();
        assertThat(cli.out()).contains("complete -F _complete_chordia", "status", "bootstrap", "flood", "paper", "--ttl",
                "--churn-median", "completion", "version");
    }

    /** The script must load: bash reads it without running it ({@code -n}) and finds no syntax error. */
    @Test
    void bashParsesTheScript() throws IOException, InterruptedException {
        assertThat(cli.run("completion")).isZero();
        Process bash = new ProcessBuilder("bash", "-n").redirectErrorStream(true).start();
        try (OutputStream in = bash.getOutputStream()) {
            in.write(cli.out().getBytes(StandardCharsets.UTF_8));
        }
        String output = new String(bash.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(bash.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(bash.exitValue()).as(output).isZero();
    }
}
