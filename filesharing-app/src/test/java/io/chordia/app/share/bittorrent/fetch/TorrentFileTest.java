package io.chordia.app.share.bittorrent.fetch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chordia.app.share.InvalidManifestException;
import io.chordia.app.share.bittorrent.TorrentInfo;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A .torrent's info dictionary is taken as its exact bytes; what is no torrent, or no v1 torrent we can hold, is refused in words. */
class TorrentFileTest {
    @ParameterizedTest
    @ValueSource(strings = {"single.torrent", "flat.torrent"})
    void libtorrentsTorrentsGiveTheirInfohash(String name) throws Exception {
        byte[] file = fixture(name);
        byte[] info = TorrentFile.infoBytes(file);

        TorrentInfo torrent = TorrentFile.parse(file);

        assertThat(torrent.encoded()).isEqualTo(info);
        assertThat(new String(file, StandardCharsets.ISO_8859_1)).contains(new String(info, StandardCharsets.ISO_8859_1));
    }

    @Test
    void libtorrentsDirectoryInAnotherFileOrderIsRefusedSayingWhy() throws Exception {
        assertThatThrownBy(() -> TorrentFile.parse(fixture("nested.torrent")))
                .isInstanceOf(InvalidManifestException.class).hasMessageContaining("increasing order");
    }

    private byte[] fixture(String name) throws Exception {
        try (InputStream in = getClass().getResourceAsStream("/bittorrent/" + name)) {
            return in.readAllBytes();
        }
    }

    @Test
    void otherKeysAroundTheInfoAreIgnored() {
        String info = "d6:lengthi5e4:name1:x12:piece lengthi16384e6:pieces20:" + "a".repeat(20) + "e";
        byte[] file = ("d8:announce9:udp://x:113:creation datei1e4:info" + info + "4:zzzzli1ei2eee").getBytes(StandardCharsets.US_ASCII);

        assertThat(new String(TorrentFile.infoBytes(file), StandardCharsets.US_ASCII)).isEqualTo(info);
    }

    @Test
    void aV2TorrentIsRefusedSayingSo() {
        String info = "d9:file treed1:xd0:d6:lengthi5e11:pieces root32:" + "b".repeat(32) + "eee12:meta versioni2e4:name1:x"
                + "12:piece lengthi16384ee";
        assertThatThrownBy(() -> TorrentFile.parse(("d4:info" + info + "e").getBytes(StandardCharsets.US_ASCII)))
                .isInstanceOf(InvalidManifestException.class).hasMessageContaining("v2");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "x", "de", "d4:infoi1ee", "d4:infod", "d4:info5:abce", "d99999999999:x", "l4:infoe"})
    void whatIsNoTorrentIsRefusedInWords(String text) {
        assertThatThrownBy(() -> TorrentFile.parse(text.getBytes(StandardCharsets.US_ASCII)))
                .isInstanceOf(InvalidManifestException.class).hasMessageNotContaining("Exception");
    }
}
