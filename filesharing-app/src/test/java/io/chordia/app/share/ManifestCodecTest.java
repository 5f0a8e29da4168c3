package io.chordia.app.share;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ManifestCodecTest {
    private static final int PIECE = ManifestLimits.MIN_PIECE_SIZE;

    private static Manifest directory(List<ManifestFile> files) {
        long total = files.stream().mapToLong(ManifestFile::size).sum();
        int pieces = (int) ((total + PIECE - 1) / PIECE);
        byte[] hashes = new byte[pieces * Manifest.HASH_BYTES];
        Arrays.fill(hashes, (byte) 7);
        return new Manifest("album", true, PIECE, files, hashes);
    }

    @Test
    void aManifestRoundTripsToTheSameBytesAndId() {
        Manifest m = directory(List.of(new ManifestFile("a/one.txt", 40_000), new ManifestFile("b.txt", 0),
                new ManifestFile("été.txt", 5)));
        byte[] encoded = ManifestCodec.encode(m);
        Manifest back = ManifestCodec.decode(encoded);
        assertThat(back).isEqualTo(m);
        assertThat(ManifestCodec.encode(back)).isEqualTo(encoded);
        assertThat(ContentId.of(ManifestCodec.encode(back))).isEqualTo(ContentId.of(encoded));
        assertThat(back.pieceCount()).isEqualTo(3);
        assertThat(back.pieceLength(2)).isEqualTo(40_005 - 2 * PIECE);
        assertThat(back.relativePath(0)).isEqualTo("album/a/one.txt");
    }

    @ParameterizedTest
    @ValueSource(strings = {"../escape", "a/../../etc/passwd", "/etc/passwd", "a//b", "a/", "C:/windows", "c:evil",
            "a\\..\\b", "nul\u0000byte", "bell\u0007", ".", "a/./b"})
    void hostilePathsAreRefusedWithAClearError(String path) {
        byte[] encoded = encodeRaw("x", 1, List.of(path), List.of(10L), 1);
        assertThatThrownBy(() -> ManifestCodec.decode(encoded)).isInstanceOf(InvalidManifestException.class)
                .hasMessageContaining("path");
    }

    @Test
    void absurdSizesAndCountsAreRefusedBeforeAllocating() {
        assertThatThrownBy(() -> ManifestCodec.decode(encodeRaw("x", 1, List.of("f"), List.of(-1L), 0)))
                .isInstanceOf(InvalidManifestException.class).hasMessageContaining("absurd size");
        assertThatThrownBy(() -> ManifestCodec.decode(encodeRaw("x", 1, List.of("f"), List.of(1L << 50), 0)))
                .isInstanceOf(InvalidManifestException.class).hasMessageContaining("absurd size");
        byte[] manyFiles = encodeRaw("x", 1, List.of("f"), List.of(1L), 1);
        ByteBuffer.wrap(manyFiles).putInt(4 + 1 + 1 + 4 + 2 + 1, Integer.MAX_VALUE);
        assertThatThrownBy(() -> ManifestCodec.decode(manyFiles)).isInstanceOf(InvalidManifestException.class)
                .hasMessageContaining("file count");
        byte[] manyPieces = encodeRaw("x", 1, List.of("f"), List.of(1L), 1);
        ByteBuffer.wrap(manyPieces).putInt(manyPieces.length - 20 - 4, 0x7fffffff);
        assertThatThrownBy(() -> ManifestCodec.decode(manyPieces)).isInstanceOf(InvalidManifestException.class)
                .hasMessageContaining("piece count");
    }

    @Test
    void piecesMustMatchTheSizes() {
        assertThatThrownBy(() -> ManifestCodec.decode(encodeRaw("x", 1, List.of("f"), List.of(100_000L), 1)))
                .isInstanceOf(InvalidManifestException.class).hasMessageContaining("expected 7 piece hashes");
    }

    @Test
    void truncatedTrailingAndForeignBytesAreRefused() {
        byte[] good = ManifestCodec.encode(directory(List.of(new ManifestFile("f", 10))));
        assertThatThrownBy(() -> ManifestCodec.decode(Arrays.copyOf(good, good.length - 1)))
                .isInstanceOf(InvalidManifestException.class);
        assertThatThrownBy(() -> ManifestCodec.decode(Arrays.copyOf(good, good.length + 1)))
                .isInstanceOf(InvalidManifestException.class);
        assertThatThrownBy(() -> ManifestCodec.decode(Arrays.copyOf(good, 3))).hasMessageContaining("truncated");
        byte[] foreign = good.clone();
        foreign[0] = 'X';
        assertThatThrownBy(() -> ManifestCodec.decode(foreign)).hasMessageContaining("bad magic");
    }

    @Test
    void duplicateOrUnsortedPathsAndFileDirectoryClashesAreRefused() {
        assertThatThrownBy(() -> ManifestCodec.decode(encodeRaw("x", 1, List.of("b", "a"), List.of(1L, 1L), 1)))
                .hasMessageContaining("increasing order");
        assertThatThrownBy(() -> ManifestCodec.decode(encodeRaw("x", 1, List.of("a", "a"), List.of(1L, 1L), 1)))
                .hasMessageContaining("increasing order");
        assertThatThrownBy(() -> ManifestCodec.decode(encodeRaw("x", 1, List.of("a", "a/b"), List.of(1L, 1L), 1)))
                .hasMessageContaining("both a file and a directory");
    }

    @Test
    void aHostileNameIsRefused() {
        assertThatThrownBy(() -> ManifestCodec.decode(encodeRaw("..", 1, List.of("f"), List.of(1L), 1)))
                .isInstanceOf(InvalidManifestException.class).hasMessageContaining("'..'");
    }

    /** Encodes fields as given, bypassing the Manifest constructor's checks, as a hostile peer would. */
    static byte[] encodeRaw(String name, int flags, List<String> paths, List<Long> sizes, int pieces) {
        ByteBuffer b = ByteBuffer.allocate(1 << 16);
        b.putInt(0x43484D46).put((byte) 1).put((byte) flags).putInt(PIECE);
        byte[] n = name.getBytes(StandardCharsets.UTF_8);
        b.putShort((short) n.length).put(n).putInt(paths.size());
        for (int i = 0; i < paths.size(); i++) {
            byte[] p = paths.get(i).getBytes(StandardCharsets.UTF_8);
            b.putShort((short) p.length).put(p).putLong(sizes.get(i));
        }
        b.putInt(pieces).put(new byte[pieces * Manifest.HASH_BYTES]);
        return Arrays.copyOf(b.array(), b.position());
    }
}
