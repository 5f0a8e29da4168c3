package io.chordia.app.interop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class InteropPeersTest {
    private static final Path HERE = Path.of(".").toAbsolutePath();

    private static Requirement pythonModule(String module) {
        return new Requirement("python3-" + module, List.of(PeerKind.python(), "-c", "import " + module), HERE,
                "apt-get install python3-" + module + " as root");
    }

    @Test
    void aMissingPeerFailsWithOneLineNamingItAndHowToInstallIt() {
        assertThatThrownBy(() -> InteropPeers.check(List.of(pythonModule("json"), pythonModule("no_such_module_chordia"))))
                .isInstanceOf(InteropPeerMissingException.class)
                .hasMessage("interop peer missing: python3-no_such_module_chordia"
                        + " (apt-get install python3-no_such_module_chordia as root)");
    }

    @Test
    void everyMissingPeerIsNamedOnTheSameLine() {
        Requirement noInterpreter = new Requirement("bittorrent-dht", List.of("no-such-node-binary-chordia", "-e", "1"), HERE,
                "Node 20 and npm ci in interop/node");
        assertThatThrownBy(() -> InteropPeers.check(List.of(pythonModule("no_such_module_chordia"), noInterpreter)))
                .isInstanceOf(InteropPeerMissingException.class)
                .hasMessageNotContaining("\n")
                .hasMessageContaining("python3-no_such_module_chordia (")
                .hasMessageEndingWith("; bittorrent-dht (Node 20 and npm ci in interop/node)");
    }

    @Test
    void presentPeersPass() {
        InteropPeers.check(List.of(pythonModule("json")));
        assertThat(PeerKind.LIBTORRENT.command(Path.of("/i"), 4000, List.of("127.0.0.1:1", "127.0.0.1:2")))
                .endsWith("/i/libtorrent_dht.py", "--port", "4000", "--bootstrap", "127.0.0.1:1", "127.0.0.1:2");
    }

    @Test
    void aria2IsCheckedByRunningItsProgramAndNamedWithItsAptPackage() {
        Requirement aria2 = PeerKind.ARIA2.requirement(HERE);
        assertThat(aria2.check()).containsExactly("aria2c", "--version");
        Requirement absent = new Requirement(aria2.name(), List.of("no-such-aria2c-chordia", "--version"), HERE, aria2.hint());
        assertThatThrownBy(() -> InteropPeers.check(List.of(absent)))
                .isInstanceOf(InteropPeerMissingException.class)
                .hasMessage("interop peer missing: aria2 (apt-get install aria2 as root)");
    }
}
