package io.chordia.app.share.bittorrent;

import java.util.BitSet;

/**
 * An {@link OfferedContent} for session tests: the pieces in {@code have} (all, when null), and
 * an unchoke policy that unchokes an interested client at once while one of {@code slots} is free
 * and chokes it when it loses interest, sending CHOKE/UNCHOKE through the session's output.
 */
final class GateOffer implements OfferedContent {
    private final SeededTorrent torrent;
    private final BitSet have;
    private final SeedingSessionTest.Slots slots;
    private final RecordingOutput out;
    boolean unchoked;
    int opened;
    int closed;
    long served;

    GateOffer(SeededTorrent torrent, BitSet have, SeedingSessionTest.Slots slots, RecordingOutput out) {
        this.torrent = torrent;
        this.have = have;
        this.slots = slots;
        this.out = out;
    }

    @Override
    public SeededTorrent torrent() {
        return torrent;
    }

    @Override
    public byte[] open() {
        opened++;
        int pieces = torrent.manifest().pieceCount();
        byte[] bits = new byte[(pieces + 7) / 8];
        for (int p = 0; p < pieces; p++) {
            if (has(p)) {
                bits[p >>> 3] |= (byte) (0x80 >>> (p & 7));
            }
        }
        return bits;
    }

    @Override
    public boolean has(int piece) {
        return have == null || have.get(piece);
    }

    @Override
    public void interested(boolean yes) {
        if (yes && !unchoked && slots.used < slots.max) {
            slots.used++;
            unchoked = true;
            out.send(PeerWireEncoder.encode(PeerMessage.State.UNCHOKE));
        } else if (!yes && unchoked) {
            slots.used--;
            unchoked = false;
            out.send(PeerWireEncoder.encode(PeerMessage.State.CHOKE));
        }
    }

    @Override
    public boolean unchoked() {
        return unchoked;
    }

    @Override
    public void served(int length) {
        served += length;
    }

    @Override
    public void closed() {
        closed++;
        if (unchoked) {
            unchoked = false;
            slots.used--;
        }
    }
}
