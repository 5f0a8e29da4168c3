package io.chordia.app.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chordia.app.UserFacingException;
import io.chordia.core.store.RecordSigner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ItemKeyFileTest {
    @TempDir
    Path dir;

    @Test
    void aMissingKeyFileIsCreatedOwnerOnlyAndReadBackAsTheSameKey() throws Exception {
        Path file = dir.resolve("item.key");
        RecordSigner created = ItemKeyFile.loadOrCreate(file);

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(Files.readString(file).strip()).matches("[0-9a-f]{64}");
        assertThat(ItemKeyFile.loadOrCreate(file).publicKey()).isEqualTo(created.publicKey());
    }

    @Test
    void aFileThatIsNotASeedIsRefusedAndLeftAlone() throws Exception {
        Path file = dir.resolve("notes.txt");
        Files.writeString(file, "my shopping list\n");

        assertThatThrownBy(() -> ItemKeyFile.loadOrCreate(file)).isInstanceOf(UserFacingException.class)
                .hasMessageContaining("does not hold an Ed25519 seed");
        assertThat(Files.readString(file)).isEqualTo("my shopping list\n");
    }
}
