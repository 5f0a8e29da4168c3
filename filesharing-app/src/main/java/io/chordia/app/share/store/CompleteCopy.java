package io.chordia.app.share.store;

import io.chordia.app.share.Manifest;
import io.chordia.app.share.Sharer;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.List;

/**
 * Whether files already on disk are exactly a manifest's content: every file regular, of its size,
 * and every piece hashing as the manifest says. A fetch into a directory that already holds the
 * content is then complete, not an error. Reads it all: about a second per GiB.
 */
public final class CompleteCopy {
    private CompleteCopy() {}

    /** True when {@code files} (in manifest order) hold exactly {@code manifest}'s bytes. */
    public static boolean matches(List<Path> files, Manifest manifest) throws IOException {
        for (int i = 0; i < files.size(); i++) {
            Path p = files.get(i);
            if (!Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS) || Files.size(p) != manifest.files().get(i).size()) {
                return false;
            }
        }
        FileChannel[] channels = new FileChannel[files.size()];
        try {
            for (int i = 0; i < channels.length; i++) {
                channels[i] = FileChannel.open(files.get(i), StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS);
            }
            return piecesMatch(channels, manifest);
        } finally {
            for (FileChannel c : channels) {
                if (c != null) {
                    c.close();
                }
            }
        }
    }

    private static boolean piecesMatch(FileChannel[] channels, Manifest manifest) throws IOException {
        PieceLayout layout = new PieceLayout(manifest);
        MessageDigest sha1 = Sharer.sha1();
        ByteBuffer buffer = ByteBuffer.allocateDirect(manifest.pieceSize());
        for (int piece = 0; piece < manifest.pieceCount(); piece++) {
            buffer.clear().limit(manifest.pieceLength(piece));
            ByteBuffer into = buffer;
            layout.forEachSegment(manifest.pieceOffset(piece), into.remaining(), (file, pos, off, len) -> {
                ByteBuffer seg = into.duplicate().position(off).limit(off + len);
                while (seg.hasRemaining()) {
                    if (channels[file].read(seg, pos + seg.position() - off) < 0) {
                        throw new IOException("file " + file + " ended early");
                    }
                }
            });
            buffer.position(0);
            sha1.update(buffer);
            if (!manifest.hashMatches(piece, sha1.digest())) {
                return false;
            }
        }
        return true;
    }
}
