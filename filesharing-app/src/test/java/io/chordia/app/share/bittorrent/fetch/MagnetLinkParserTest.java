package io.chordia.app.share.bittorrent.fetch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chordia.app.share.LinkFormatException;
import io.chordia.app.share.bittorrent.InfoHash;
import io.chordia.app.share.bittorrent.MagnetLink;
import io.chordia.core.net.Address;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Magnet links as we write them and as other clients do (base32, trackers, odd peers). */
class MagnetLinkParserTest {
    static final InfoHash HASH = InfoHash.fromHex("0123456789abcdef0123456789abcdef01234567");

    @Test
    void readsBackWhatWeWrite() {
        MagnetLink ours = new MagnetLink(HASH, "a file é.bin", List.of(new Address("127.0.0.1", 6881), new Address("10.0.0.2", 1)));

        assertThat(MagnetLinkParser.parse(ours.toString())).isEqualTo(ours);
    }

    @Test
    void readsBase32AndIgnoresTrackersAndPeersThatDoNotParse() {
        MagnetLink m = MagnetLinkParser.parse("magnet:?xt=urn:btih:AERUKZ4JVPG66AJDIVTYTK6N54ASGRLH&tr=udp%3A%2F%2Ft%3A1"
                + "&x.pe=nohost&x.pe=127.0.0.1:7&dn=x+y");

        assertThat(m.infoHash()).isEqualTo(HASH);
        assertThat(m.peers()).containsExactly(new Address("127.0.0.1", 7));
        assertThat(m.displayName()).isEqualTo("x y");
    }

    @Test
    void aLinkWithoutAV1InfohashIsRefused() {
        assertThatThrownBy(() -> MagnetLinkParser.parse("magnet:?xt=urn:btmh:1220abcd&dn=x"))
                .isInstanceOf(LinkFormatException.class).hasMessageContaining("xt=urn:btih:");
        assertThatThrownBy(() -> MagnetLinkParser.parse("magnet:?xt=urn:btih:0123"))
                .isInstanceOf(LinkFormatException.class).hasMessageContaining("40 hex digits");
    }
}
