package io.chordia.app.share.wire;

import io.chordia.app.share.LocalContent;
import io.chordia.app.share.bittorrent.SeededTorrent;
import io.chordia.app.share.bittorrent.TorrentInfo;
import io.chordia.app.share.store.PieceLayout;
import io.netty.channel.DefaultFileRegion;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;

/**
 * A content being served: its files held open for reading, shared by every upload (positional
 * transfers are thread-safe), closed when the content stops being served.
 */
public final class ServedContent implements AutoCloseable {
    private final LocalContent content;
    private final PieceLayout layout;
    private final FileChannel[] files;
    private final byte[] bitfield;
    private volatile SeededTorrent torrent;

    public ServedContent(LocalContent content) throws IOException {
        this.content = content;
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
