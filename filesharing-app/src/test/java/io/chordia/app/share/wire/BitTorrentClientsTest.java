package io.chordia.app.share.wire;

import static org.assertj.core.api.Assertions.assertThat;

import io.chordia.app.share.LocalContent;
import io.chordia.app.share.SampleFiles;
import io.chordia.app.share.Sharer;
import io.chordia.app.share.bittorrent.Handshake;
import io.chordia.app.share.bittorrent.PeerMessage;
import io.chordia.app.share.bittorrent.PeerWireDecoder;
import io.chordia.app.share.bittorrent.PeerWireEncoder;
import io.chordia.app.share.bittorrent.PeerWireLimits;
import io.chordia.app.share.bittorrent.PeerWireViolation;
import io.chordia.app.share.bittorrent.TorrentInfo;
import io.chordia.app.share.swarm.ChokePolicy;
import io.chordia.app.share.swarm.Choker;
import io.chordia.app.share.swarm.DropReason;
import io.chordia.core.sim.VirtualNodeScheduler;
import io.chordia.core.sim.VirtualScheduler;
import io.chordia.core.util.Bytes;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.FileRegion;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * BitTorrent clients of a content this peer is still fetching (bitfield of its verified pieces,
 * HAVE as pieces verify, only those pieces served, the content's own choker) and of complete
 * contents (the seed choker rotates its slots), on embedded channels in virtual time.
 */
class BitTorrentClientsTest {
    /** 40,000 bytes in 16 KiB pieces: 3 pieces. */
    private static final int PIECES = 3;

    @TempDir
    Path dir;

    private final ContentCatalog catalog = new ContentCatalog();
    private final WireStats stats = new WireStats();
    private final VirtualScheduler loop = new VirtualScheduler();
    private final VirtualNodeScheduler node = loop.newNodeScheduler("fetch");
    private LocalContent content;
    private BitTorrentSeeding bitTorrent;

    @BeforeEach
    void share() throws Exception {
        content = new Sharer(16 * 1024).share(SampleFiles.random(dir.resolve("f.bin"), 40_000, 1));
        bitTorrent = new BitTorrentSeeding(catalog, loop.newNodeScheduler("seed-choker"), new SplittableRandom(1), stats);
    }

    @AfterEach
    void close() {
        catalog.closeAll();
    }

    /** What one client connection received after our handshake: messages, and blocks as (piece, begin). */
    private static final class Received {
        final List<PeerMessage> messages = new ArrayList<>();
        final List<int[]> blocks = new ArrayList<>();
        private final PeerWireDecoder decoder = new PeerWireDecoder(PeerWireLimits.forPieces(PIECES), r -> { });
        private boolean handshakeSeen;

        void drain(EmbeddedChannel ch) throws PeerWireViolation {
            for (Object o = ch.readOutbound(); o != null; o = ch.readOutbound()) {
                if (o instanceof FileRegion region) {
                    region.release();
                    continue;
                }
                ByteBuf b = (ByteBuf) o;
                if (!handshakeSeen) {
                    assertThat(b.readableBytes()).isEqualTo(Handshake.LENGTH);
                    handshakeSeen = true;
                } else if (b.readableBytes() == 13 && b.getByte(4) == PeerMessage.PIECE) {
                    blocks.add(new int[] {b.getInt(5), b.getInt(9)}); // a block's header; its bytes follow as a file region
                } else {
                    messages.add(decoder.next(b.nioBuffer()));
                }
                b.release();
            }
        }
    }

    private EmbeddedChannel client(PeerMessage... after) {
        EmbeddedChannel ch = new EmbeddedChannel(bitTorrent.handler());
        byte[] hello = new Handshake(false, TorrentInfo.of(content.manifest()).infoHash(), Bytes.ofUtf8("-LT2080-abcdefghijkl")).encode();
        ch.writeInbound(Unpooled.wrappedBuffer(hello));
        send(ch, after);
        return ch;
    }

    private static void send(EmbeddedChannel ch, PeerMessage... messages) {
        for (PeerMessage m : messages) {
            ch.writeInbound(Unpooled.wrappedBuffer(PeerWireEncoder.encode(m)));
        }
    }

    private static PeerMessage.Request block(int piece) {
        return new PeerMessage.Request(piece, 0, 1_000);
    }

    private ServedContent partial(BitSet verified) throws Exception {
        ServedContent[] self = new ServedContent[1];
        Choker choker = new Choker(node, new SplittableRandom(2), ChokePolicy.defaults(), host -> 0, () -> self[0].complete());
        self[0] = ServedContent.partial(content, verified, choker, node::execute);
        catalog.add(self[0]);
        choker.start();
        return self[0];
    }

    @Test
    void aClientOfAContentStillBeingFetchedGetsItsVerifiedPiecesAHavePerPieceVerifiedAndNothingElse() throws Exception {
        BitSet verified = new BitSet();
        verified.set(1);
        ServedContent served = partial(verified);

        EmbeddedChannel ch = client(PeerMessage.State.INTERESTED);
        loop.advance(Duration.ZERO); // the content's choker unchokes it: a slot is free
        send(ch, block(1), block(0));
        Received r = new Received();
        r.drain(ch);

        assertThat(r.messages).containsExactly(new PeerMessage.Bitfield(Bytes.wrapOwned(new byte[] {(byte) 0b0100_0000})),
                PeerMessage.State.CHOKE, PeerMessage.State.UNCHOKE);
        assertThat(r.blocks).containsExactly(new int[] {1, 0});
        assertThat(stats.drops(DropReason.UNEXPECTED)).isEqualTo(1); // piece 0 was never announced
        assertThat(ch.isActive()).isTrue();
        assertThat(stats.bytesServedWhilePartial()).isEqualTo(1_000);

        served.have(0);
        send(ch, block(0));
        r.drain(ch);
        assertThat(r.messages).endsWith(new PeerMessage.Have(0));
        assertThat(r.blocks).containsExactly(new int[] {1, 0}, new int[] {0, 0});
        assertThat(served.choker().unchokedHosts()).hasSize(1);

        ch.close();
        loop.advance(Duration.ZERO);
        assertThat(served.choker().unchokedHosts()).isEmpty();
        served.have(2); // a closed connection hears of no more pieces
        assertThat((Object) ch.readOutbound()).isNull();
        ch.finishAndReleaseAll();
    }

    @Test
    void aContentBeingFetchedIsFoundByItsInfoHashAndOneWithNoVerifiedPieceOffersAnEmptyBitfield() throws Exception {
        partial(new BitSet());
        EmbeddedChannel ch = client();
        Received r = new Received();
        r.drain(ch);
        assertThat(r.messages).first().isEqualTo(new PeerMessage.Bitfield(Bytes.wrapOwned(new byte[] {0})));
        assertThat(stats.drops(DropReason.UNKNOWN_CONTENT)).isZero();
        ch.finishAndReleaseAll();
    }

    @Test
    void theSeedChokerGivesEveryInterestedClientOfACompleteContentATurn() throws Exception {
        catalog.add(new ServedContent(content));
        int clients = ChokePolicy.defaults().regularSlots() + 3;
        List<EmbeddedChannel> channels = new ArrayList<>();
        List<Received> received = new ArrayList<>();
        for (int i = 0; i < clients; i++) {
            channels.add(client(PeerMessage.State.INTERESTED));
            received.add(new Received());
        }
        loop.advance(Duration.ZERO);
        boolean[] served = new boolean[clients];
        int unchokedAtOnce = 0;
        for (int round = 0; round <= clients * 2; round++) {
            for (int i = 0; i < clients; i++) {
                send(channels.get(i), block(2));
                received.get(i).drain(channels.get(i));
                served[i] |= !received.get(i).blocks.isEmpty();
            }
            if (round == 0) {
                for (boolean s : served) {
                    unchokedAtOnce += s ? 1 : 0;
                }
            }
            loop.advance(ChokePolicy.defaults().rechokeInterval());
        }
        // Regular slots and the optimistic one are taken at once; the rest wait for rounds, never for ever.
        assertThat(unchokedAtOnce).isEqualTo(ChokePolicy.defaults().regularSlots() + 1);
        assertThat(served).containsOnly(true);
        assertThat(stats.drops(DropReason.CHOKED)).isPositive();
        channels.forEach(EmbeddedChannel::finishAndReleaseAll);
    }
}
