package io.chordia.app.share;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Pins the manifest encoding (and so every content id): a change here breaks every link handed out. */
class ManifestGoldenBytesTest {
    @Test
    void aSmallDirectoryManifestEncodesToTheseBytes() {
        byte[] hashes = new byte[2 * Manifest.HASH_BYTES];
        for (int i = 0; i < hashes.length; i++) {
            hashes[i] = (byte) i;
        }
        Manifest m = new Manifest("d", true, 16 * 1024, List.of(new ManifestFile("a", 16 * 1024), new ManifestFile("b/c", 1)),
                hashes);
        String expected = "43484d46" + "01" + "01" + "00004000" + "0001" + "64" + "00000002"
                + "0001" + "61" + "0000000000004000"
                + "0003" + "622f63" + "0000000000000001"
                + "00000002" + HexFormat.of().formatHex(hashes);
        byte[] encoded = ManifestCodec.encode(m);
        assertThat(HexFormat.of().formatHex(encoded)).isEqualTo(expected);
        assertThat(ContentId.of(encoded).toHex()).isEqualTo("7a289fc2029c102f703b0637b2d97e1e4d29f7ef");
        assertThat(ManifestCodec.decode(HexFormat.of().parseHex(expected))).isEqualTo(m);
    }
}
