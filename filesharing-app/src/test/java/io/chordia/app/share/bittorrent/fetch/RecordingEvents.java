package io.chordia.app.share.bittorrent.fetch;

import io.chordia.app.share.swarm.DropReason;
import io.chordia.app.share.swarm.PeerLinkEvents;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/** What a fetching session reported to its swarm, in order; blocks land in one buffer per test. */
final class RecordingEvents implements PeerLinkEvents {
    final List<String> seen = new ArrayList<>();
    byte[] manifest;
    byte[] bits;
    DropReason malformed;
    /** Where blocks go; null discards them (a block the swarm did not ask for). */
    ByteBuffer target = ByteBuffer.allocate(16 * 1024);
    /** The last request limit the session reported; 0 before any. */
    int requestLimit;

    @Override
    public void onManifest(byte[] contentId, byte[] encodedManifest) {
        seen.add("manifest");
        manifest = encodedManifest;
    }

    @Override
    public void onUnknownContent() {
        seen.add("unknown");
    }

    @Override
    public void onBitfield(byte[] contentId, byte[] b) {
        seen.add("bitfield");
        bits = b;
    }

    @Override
    public void onHave(int piece) {
        seen.add("have " + piece);
    }

    @Override
    public void onChoke(String reason) {
        seen.add("choke");
    }

    @Override
    public void onRequestLimit(int requests) {
        requestLimit = requests;
    }

    @Override
    public void onUnchoke() {
        seen.add("unchoke");
    }

    @Override
    public ByteBuffer onBlockStart(int piece, int offset, int length) {
        seen.add("block " + piece + "/" + offset + "/" + length);
        return target == null ? null : target.slice(0, length);
    }

    @Override
    public void onBlockDone(int piece, int offset, int length) {
        seen.add("done " + piece + "/" + offset);
    }

    @Override
    public void onReadComplete() { }

    @Override
    public void onMalformed(DropReason reason) {
        seen.add("malformed " + reason);
        malformed = reason;
    }

    @Override
    public void onClosed() {
        seen.add("closed");
    }
}
