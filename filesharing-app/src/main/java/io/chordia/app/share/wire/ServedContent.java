package io.chordia.app.share.wire;

import io.chordia.app.share.LocalContent;
import io.chordia.app.share.bittorrent.SeededTorrent;
import io.chordia.app.share.bittorrent.TorrentInfo;
import io.chordia.app.share.store.PieceLayout;
import io.chordia.app.share.swarm.Choker;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.DefaultFileRegion;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.function.IntConsumer;

/**
 * A content being served: its files held open for reading, shared by every upload (positional
 * transfers are thread-safe), closed when the content stops being served. A content still being
 * fetched is served in part ({@link #partial}): the pieces verified so far, announced to every
 * connection that opened it (bitfield, then HAVE per piece), to the connections a {@link Choker}
 * unchokes; the choker runs on the fetch's node thread ({@code chokerThread}).
 */
public final class ServedContent implements AutoCloseable {
    private volatile LocalContent content;
    private final PieceLayout layout;
    private final FileChannel[] files;
    private final byte[] bitfield;
    private volatile SeededTorrent torrent;
    /** Pieces here, for a partial content; guarded by this. Null when complete from the start. */
    private final BitSet have;
    private volatile boolean complete;
    /** Connections that opened a partial content, each with how it sends a HAVE in its protocol. */
    private final Map<Channel, IntConsumer> openers = new ConcurrentHashMap<>();
    private final Choker choker;
    private final Executor chokerThread;

    public ServedContent(LocalContent content) throws IOException {
        this(content, null, null, null);
    }

    /**
     * Serves the pieces in {@code have} of a content being fetched into {@code content}'s files;
     * {@link #have(int)} adds one, {@link #completed} ends the partial state. Whom to serve is
     * {@code choker}'s call, on {@code chokerThread}.
     */
    public static ServedContent partial(LocalContent content, BitSet have, Choker choker, Executor chokerThread)
            throws IOException {
        return new ServedContent(content, (BitSet) have.clone(), choker, chokerThread);
    }

    private ServedContent(LocalContent content, BitSet have, Choker choker, Executor chokerThread) throws IOException {
        this.content = content;
        this.have = have;
        this.complete = have == null;
        this.choker = choker;
        this.chokerThread = chokerThread;
        this.layout = new PieceLayout(content.manifest());
        this.files = new FileChannel[content.files().size()];
        try {
            for (int i = 0; i < files.length; i++) {
                files[i] = FileChannel.open(content.files().get(i), StandardOpenOption.READ);
            }
        } catch (IOException e) {
            close();
            throw e;
        }
        int pieces = content.manifest().pieceCount();
        this.bitfield = new byte[(pieces + 7) / 8];
        Arrays.fill(bitfield, (byte) 0xFF);
        if (pieces % 8 != 0) {
            bitfield[bitfield.length - 1] = (byte) (0xFF << (8 - pieces % 8));
        }
    }

    public LocalContent content() {
        return content;
    }

    /** The content as BitTorrent sees it; built on first use (it copies every piece hash once). */
    public SeededTorrent torrent() {
        SeededTorrent t = torrent;
        if (t == null) {
            t = new SeededTorrent(content.manifest(), TorrentInfo.of(content.manifest()));
            torrent = t;
        }
        return t;
    }

    /** Whether every piece is here (always, for a content that was complete when served). */
    public boolean complete() {
        return complete;
    }

    boolean partial() {
        return choker != null;
    }

    Choker choker() {
        return choker;
    }

    Executor chokerThread() {
        return chokerThread;
    }

    boolean has(int piece) {
        if (complete) {
            return true;
        }
        synchronized (this) {
            return have.get(piece);
        }
    }

    /**
     * {@code ch} opened this content: {@code sendBitfield} gets what is here now and, for a partial
     * content, every later piece reaches {@code ch} as a HAVE written after it (both under one lock,
     * so none is lost between the two).
     */
    void opened(Channel ch, Consumer<byte[]> sendBitfield) {
        opened(ch, sendBitfield, piece -> {
            ByteBuf frame = ch.alloc().buffer(WireFormat.HEADER_BYTES + 4);
            ch.writeAndFlush(frame.writeByte(WireFormat.HAVE).writeInt(4).writeInt(piece), ch.voidPromise());
        });
    }

    /** As {@link #opened(Channel, Consumer)}, for a protocol whose HAVE {@code sendHave} writes (from any thread). */
    synchronized void opened(Channel ch, Consumer<byte[]> sendBitfield, IntConsumer sendHave) {
        if (have == null || complete) {
            sendBitfield.accept(bitfield);
            return;
        }
        int pieces = content.manifest().pieceCount();
        byte[] bits = new byte[(pieces + 7) / 8];
        for (int p = have.nextSetBit(0); p >= 0 && p < pieces; p = have.nextSetBit(p + 1)) {
            bits[p >>> 3] |= (byte) (0x80 >>> (p & 7));
        }
        sendBitfield.accept(bits);
        openers.put(ch, sendHave);
    }

    void closed(Channel ch) {
        openers.remove(ch);
    }

    /** One more verified piece: every connection that opened this content hears of it. */
    public synchronized void have(int piece) {
        if (have == null || have.get(piece)) {
            return;
        }
        have.set(piece);
        for (IntConsumer sendHave : openers.values()) {
            sendHave.accept(piece);
        }
    }

    /** The fetch finished: every piece is here, and {@code whole} names the files under their final names. */
    public synchronized void completed(LocalContent whole) {
        if (have != null) {
            have.set(0, whole.manifest().pieceCount());
        }
        content = whole;
        complete = true;
    }
    PieceLayout layout() {
        return layout;
    }

    byte[] bitfield() {
        return bitfield;
    }

    /** A region of file {@code file} that the socket sends with sendfile and that leaves the file open. */
    DefaultFileRegion region(int file, long position, int length) {
        return new SharedFileRegion(files[file], position, length);
    }

    @Override
    public void close() {
        if (choker != null) {
            try {
                chokerThread.execute(choker::stop);
            } catch (java.util.concurrent.RejectedExecutionException e) {
                // the node thread is gone, and its timers with it
            }
        }
        for (FileChannel f : files) {
            if (f != null) {
                try {
                    f.close();
                } catch (IOException e) {
                    // closing a read-only file: nothing to lose
                }
            }
        }
    }

    /**
     * DefaultFileRegion closes its file when released; this one shares the file between regions.
     * It must stay a DefaultFileRegion: the epoll transport only uses sendfile for that class.
     */
    private static final class SharedFileRegion extends DefaultFileRegion {
        SharedFileRegion(FileChannel file, long position, long count) {
            super(file, position, count);
        }

        @Override
        protected void deallocate() {
            // the file belongs to the ServedContent
        }
    }
}
