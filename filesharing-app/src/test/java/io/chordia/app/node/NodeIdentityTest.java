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
import java.util.HexFormat;
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
    void aNewKeyPairFromTheJdkHasBouncyCastlesPublicKey() throws Exception {
        for (int i = 0; i < 20; i++) { // both parities of x among them
            NodeIdentity created = NodeIdentity.loadOrCreate(dir.resolve("k" + i + ".key"));
            assertThat(created.signer().publicKey()).isEqualTo(created.publicKey());
        }
    }

    @Test
    void theIdComesFromTheStoredPublicKeyAndADirectoryWithoutOneGetsIt() throws Exception {
        Path file = dir.resolve("identity.key");
        NodeIdentity first = NodeIdentity.loadOrCreate(file);
        Path publicKeyFile = dir.resolve("identity.pub");
        assertThat(Files.readString(publicKeyFile).strip()).isEqualTo(HexFormat.of().formatHex(first.publicKey().toArray()));

        Files.delete(publicKeyFile); // a data directory from before the public key was stored
        assertThat(NodeIdentity.loadOrCreate(file).id()).isEqualTo(first.id());
        assertThat(Files.readString(publicKeyFile).strip()).isEqualTo(HexFormat.of().formatHex(first.publicKey().toArray()));

        Files.writeString(publicKeyFile, "damaged\n");
        assertThat(NodeIdentity.loadOrCreate(file).id()).isEqualTo(first.id());
    }

    @Test
    void aPublicKeyFileOfAnotherKeyIsCaughtWhenTheNodeFirstSigns() throws Exception {
        Path file = dir.resolve("identity.key");
        NodeIdentity.loadOrCreate(file);
        NodeIdentity other = NodeIdentity.loadOrCreate(dir.resolve("other.key"));
        Files.writeString(dir.resolve("identity.pub"), HexFormat.of().formatHex(other.publicKey().toArray()) + "\n");

        NodeIdentity mismatched = NodeIdentity.loadOrCreate(file);
        assertThat(mismatched.id()).isEqualTo(other.id());
        assertThatThrownBy(mismatched::signer).isInstanceOf(UserFacingException.class)
                .hasMessageContaining("does not belong to the node's private key");
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
