package io.chordia.app.share.bittorrent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chordia.app.share.InvalidManifestException;
import io.chordia.app.share.LocalContent;
import io.chordia.app.share.Sharer;
import io.chordia.transport.bencode.BencodeDecoder;
import io.chordia.transport.bencode.BencodeDictionary;
import io.chordia.transport.bencode.BencodeEncoder;
import io.chordia.transport.bencode.BencodeLimits;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Golden: libtorrent's create_torrent (v1_only, 64 KiB pieces) made the fixtures in
 * src/test/resources/bittorrent with make_fixtures.py from contents this test makes again.
 */
class TorrentInfoTest {
    private static final int PIECE = 64 * 1024;

    @TempDir
    Path dir;

    @Test
    void aSingleFileHasTheInfoDictionaryLibtorrentMakes() throws Exception {
        write(dir.resolve("single.bin"), 1_000_003);
        TorrentInfo ours = TorrentInfo.of(share(dir.resolve("single.bin")).manifest());

        assertThat(ours.encoded()).isEqualTo(fixtureInfo("single.torrent"));
        assertThat(ours.infoHash()).isEqualTo(InfoHash.of(fixtureInfo("single.torrent")));
    }

    @Test
    void aFlatFolderWithAnEmptyFileHasLibtorrentsInfoHash() throws Exception {
        Path flat = dir.resolve("flat");
        write(flat.resolve("a.bin"), 70_000);
        write(flat.resolve("b.bin"), 200_001);
        write(flat.resolve("empty"), 0);
        write(flat.resolve("z.txt"), 5);

        assertThat(TorrentInfo.of(share(flat).manifest()).encoded()).isEqualTo(fixtureInfo("flat.torrent"));
    }

    @Test
    void aNestedFolderIsOrderedDifferentlyByLibtorrentSoItsInfoHashDiffers() throws Exception {
        Path nested = dir.resolve("nested");
        write(nested.resolve("a.bin"), 70_000);
        write(nested.resolve("sub/b.bin"), 200_001);
        write(nested.resolve("z.txt"), 5);
        TorrentInfo ours = TorrentInfo.of(share(nested).manifest());

        // libtorrent lists a folder's files before its subfolders (a.bin, z.txt, sub/b.bin); we list in byte order.
        assertThat(ours.infoHash()).isNotEqualTo(InfoHash.of(fixtureInfo("nested.torrent")));
        assertThat(new String(ours.encoded(), java.nio.charset.StandardCharsets.ISO_8859_1))
                .containsSubsequence("5:a.bin", "3:sub5:b.bin", "5:z.txt");
    }

    @Test
    void libtorrentsInfoDictionariesParseIntoOurManifestsWhereTheLayoutsAgree() throws Exception {
        write(dir.resolve("single.bin"), 1_000_003);
        TorrentInfo parsed = TorrentInfo.parse(fixtureInfo("single.torrent"));

        assertThat(parsed.manifest()).isEqualTo(share(dir.resolve("single.bin")).manifest());
        assertThat(parsed.infoHash()).isEqualTo(InfoHash.of(fixtureInfo("single.torrent")));
        assertThat(TorrentInfo.parse(fixtureInfo("flat.torrent")).manifest().files()).extracting(f -> f.path())
                .containsExactly("a.bin", "b.bin", "empty", "z.txt");
    }

    @Test
    void whatAManifestCannotHoldIsRefusedSayingWhy() throws Exception {
        assertThatThrownBy(() -> TorrentInfo.parse(fixtureInfo("nested.torrent")))
                .isInstanceOf(InvalidManifestException.class).hasMessageContaining("increasing order");
        assertThatThrownBy(() -> TorrentInfo.parse(ascii("d6:lengthi5e4:name1:a12:piece lengthi20000e6:pieces20:"
                + "x".repeat(20) + "e"))).isInstanceOf(InvalidManifestException.class).hasMessageContaining("power of two");
        assertThatThrownBy(() -> TorrentInfo.parse(ascii("d6:lengthi5e4:name1:a12:piece lengthi16384e6:pieces20:"
                + "x".repeat(20) + "7:privatei1ee"))).isInstanceOf(InvalidManifestException.class)
                .hasMessageContaining("give back its infohash");
        assertThatThrownBy(() -> TorrentInfo.parse(ascii("d5:filesld6:lengthi5e4:pathl2:..1:xeee4:name1:a12:piece lengthi16384e"
                + "6:pieces20:" + "x".repeat(20) + "e"))).isInstanceOf(InvalidManifestException.class);
        assertThatThrownBy(() -> TorrentInfo.parse(ascii("d4:name"))).isInstanceOf(InvalidManifestException.class)
                .hasMessageContaining("not valid bencode");
    }

    private static byte[] ascii(String s) {
        return s.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
    }

    @Test
    void aTorrentFileHoldsTheHashedInfoBytes() throws Exception {
        write(dir.resolve("single.bin"), 1_000_003);
        TorrentInfo ours = TorrentInfo.of(share(dir.resolve("single.bin")).manifest());

        BencodeDictionary file = (BencodeDictionary) decoder().decode(ours.torrentFile());
        assertThat(BencodeEncoder.encode(file.get("info"))).isEqualTo(ours.encoded());
        assertThat(file.get("announce")).isNull();
    }

    @Test
    void theMagnetLinkCarriesTheInfoHashAndThePercentEncodedName() {
        InfoHash h = InfoHash.fromHex("0123456789abcdef0123456789abcdef01234567");
        assertThat(new MagnetLink(h, "my file+ü.bin").toString())
                .isEqualTo("magnet:?xt=urn:btih:0123456789abcdef0123456789abcdef01234567&dn=my%20file%2B%C3%BC.bin");
        assertThat(new MagnetLink(h, "a", java.util.List.of(new io.chordia.core.net.Address("127.0.0.1", 6881),
                new io.chordia.core.net.Address("::1", 7000))).toString())
                .isEqualTo("magnet:?xt=urn:btih:0123456789abcdef0123456789abcdef01234567&dn=a&x.pe=127.0.0.1:6881&x.pe=[::1]:7000");
    }

    private LocalContent share(Path path) throws IOException {
        return new Sharer(PIECE).share(path);
    }

    /** The formula make_fixtures.py fills its contents with. */
    static void write(Path file, int size) throws IOException {
        byte[] b = new byte[size];
        for (int i = 0; i < size; i++) {
            b[i] = (byte) (31 * i + 7 * (i >> 8));
        }
        Files.createDirectories(file.getParent());
        Files.write(file, b);
    }

    private static byte[] fixtureInfo(String name) throws Exception {
        try (InputStream in = TorrentInfoTest.class.getResourceAsStream("/bittorrent/" + name)) {
            BencodeDictionary torrent = (BencodeDictionary) decoder().decode(in.readAllBytes());
            return BencodeEncoder.encode(torrent.get("info"));
        }
    }

    private static BencodeDecoder decoder() {
        return new BencodeDecoder(BencodeLimits.defaults().withMaxStringBytes(1 << 20));
    }
}
