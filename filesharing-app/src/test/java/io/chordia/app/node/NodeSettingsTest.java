package io.chordia.app.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chordia.app.UserFacingException;
import io.chordia.routing.Protocol;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NodeSettingsTest {
    @TempDir
    Path dir;

    @Test
    void aConfigFileOverridesTheDefaults() throws Exception {
        Path file = dir.resolve("node.properties");
        Files.writeString(file, """
                # a node
                port = 4100
                advertise = 203.0.113.7:4100
                protocol = Kademlia
                bootstrap = 10.0.0.1:4000, boot.example.org:4001
                data-dir = %s
                metrics-host = 0.0.0.0
                metrics-port = 9100
                """.formatted(dir.resolve("data")));
        NodeSettings s = NodeSettings.defaults().withFile(file);
        assertThat(s.port()).isEqualTo(4100);
        assertThat(s.protocol()).isEqualTo(Protocol.KADEMLIA);
        assertThat(s.bootstrap()).containsExactly("10.0.0.1:4000", "boot.example.org:4001");
        assertThat(s.dataDir()).isEqualTo(dir.resolve("data"));
        assertThat(s.metricsPort()).isEqualTo(9100);
        assertThat(s.metricsHost()).isEqualTo("0.0.0.0");
        assertThat(s.host()).isNull();
        assertThat(s.advertise()).isEqualTo("203.0.113.7:4100");
    }

    @Test
    void defaultsComeFromTheRecord() {
        NodeSettings s = NodeSettings.defaults();
        assertThat(s.port()).isEqualTo(NodeSettings.DEFAULT_PORT);
        assertThat(s.protocol()).isEqualTo(Protocol.CHORD);
        assertThat(s.bootstrap()).isEmpty();
        assertThat(s.metricsPort()).isEqualTo(-1);
        assertThat(s.metricsHost()).as("only this machine unless asked").isEqualTo("127.0.0.1");
        assertThat(s.host()).as("every interface").isNull();
        assertThat(s.advertise()).as("worked out at start").isNull();
        assertThat(s.dataDir().getFileName().toString()).isEqualTo(".chordia");
    }

    @Test
    void unknownKeysBadNumbersAndMissingFilesAreUserErrors() throws Exception {
        Path typo = dir.resolve("typo.properties");
        Files.writeString(typo, "prot = 4000\n");
        assertThatThrownBy(() -> NodeSettings.defaults().withFile(typo)).isInstanceOf(UserFacingException.class)
                .hasMessageContaining("unknown setting 'prot'");
        Path bad = dir.resolve("bad.properties");
        Files.writeString(bad, "port = many\n");
        assertThatThrownBy(() -> NodeSettings.defaults().withFile(bad)).isInstanceOf(UserFacingException.class)
                .hasMessageContaining("not a number");
        assertThatThrownBy(() -> NodeSettings.defaults().withFile(dir.resolve("missing"))).isInstanceOf(UserFacingException.class)
                .hasMessageContaining("does not exist");
        assertThatThrownBy(() -> NodeSettings.defaults().withPort(70000)).isInstanceOf(UserFacingException.class);
        assertThatThrownBy(() -> NodeSettings.protocol("pastry")).isInstanceOf(UserFacingException.class)
                .hasMessageContaining("unknown protocol");
        assertThat(NodeSettings.defaults().withBootstrap(List.of("a:1")).bootstrap()).containsExactly("a:1");
    }
}
