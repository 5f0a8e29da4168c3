package io.chordia.app.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chordia.app.UserFacingException;
import io.chordia.core.id.NodeId;
import io.chordia.core.store.PeerSetEntry;
import io.chordia.core.util.Bytes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NodeIdentityTest {
    @TempDir
    Path dir;

    @Test
    void theIdIsSha1OfTheEd25519PublicKeyAndSurvivesARestart() throws Exception {
        Path file = dir.resolve("identity.key");
        NodeIdentity first = NodeIdentity.loadOrCreate(file);
        assertThat(first.publicKey().length()).isEqualTo(32);
        assertThat(first.id()).isEqualTo(NodeId.sha1Of(first.publicKey().toArray()));
        NodeIdentity again = NodeIdentity.loadOrCreate(file);
        assertThat(again.id()).isEqualTo(first.id());
        assertThat(NodeIdentity.loadOrCreate(dir.resolve("other.key")).id()).isNotEqualTo(first.id());
    }

    @Test
    void whatTheNodeSignsNamesItsNodeId() throws Exception {
        NodeIdentity identity = NodeIdentity.loadOrCreate(dir.resolve("identity.key"));
        NodeId key = NodeId.sha1Of("a peer set");
        PeerSetEntry entry = PeerSetEntry.sign(identity.signer(), key, Bytes.wrapOwned(new byte[] {10, 0, 0, 1}), 7000, 1,
                1_800_000_000L);

        assertThat(entry.signerId()).isEqualTo(identity.id());
        assertThat(entry.verifies(key)).isTrue();
    }

    @Test
    void theKeyFileIsOwnerOnly() throws Exception {
        Path file = dir.resolve("identity.key");
        NodeIdentity.loadOrCreate(file);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
    }

    @Test
    void aDamagedKeyFileIsAUserError() throws Exception {
        Path file = dir.resolve("identity.key");
        Files.writeString(file, "not a key\n");
        assertThatThrownBy(() -> NodeIdentity.loadOrCreate(file)).isInstanceOf(UserFacingException.class)
                .hasMessageContaining("damaged");
    }
}
