package io.chordia.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.chordia.app.node.NodeSettings;
import io.chordia.routing.Protocol;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class NodeCommandTest {
    @TempDir
    Path dir;

    private NodeSettings parse(String... args) {
        NodeCommand command = new NodeCommand();
        new CommandLine(command).parseArgs(args);
        return command.settings();
    }

    @Test
    void optionsOverrideTheConfigFileWhichOverridesTheDefaults() throws Exception {
        Path file = Files.writeString(dir.resolve("node.properties"),
                "port = 4100\nprotocol = kademlia\nbootstrap = 10.0.0.1:4000\nmetrics-port = 9100\n");
        NodeSettings s = parse("--config", file.toString(), "--port", "4200", "--bootstrap", "10.0.0.2:4000",
                "--bootstrap", "10.0.0.3:4000", "--metrics-host", "0.0.0.0");
        assertThat(s.port()).isEqualTo(4200);
        assertThat(s.bootstrap()).containsExactly("10.0.0.2:4000", "10.0.0.3:4000");
        assertThat(s.protocol()).isEqualTo(Protocol.KADEMLIA);
        assertThat(s.metricsPort()).isEqualTo(9100);
        assertThat(s.metricsHost()).isEqualTo("0.0.0.0");
        assertThat(s.dataDir()).isEqualTo(NodeSettings.defaults().dataDir());
    }

    @Test
    void withoutOptionsTheDefaultsHold() {
        assertThat(parse()).isEqualTo(NodeSettings.defaults());
        assertThat(parse("--protocol", "KADEMLIA", "--host", "192.0.2.1").host()).isEqualTo("192.0.2.1");
    }
}
