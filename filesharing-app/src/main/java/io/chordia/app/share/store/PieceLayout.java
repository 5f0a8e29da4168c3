package io.chordia.app.share.store;

import io.chordia.app.share.Manifest;
import java.util.Arrays;

/** Maps a byte range of the concatenated content onto (file, position) segments. */
public final class PieceLayout {
    /** Receives one segment of a range: {@code length} bytes of file {@code file} at {@code filePosition}. */
    @FunctionalInterface
    public interface SegmentVisitor<E extends Exception> {
        void segment(int file, long filePosition, int rangeOffset, int length) throws E;
    }

    private final Manifest manifest;
    private final long[] fileStarts;

    public PieceLayout(Manifest manifest) {
        this.manifest = manifest;
        this.fileStarts = new long[manifest.files().size()];
        long start = 0;
        for (int i = 0; i < fileStarts.length; i++) {
            fileStarts[i] = start;
            start += manifest.files().get(i).size();
        }
    }

    public Manifest manifest() {
        return manifest;
    }

    /** Visits the segments of {@code length} bytes from content offset {@code offset}, in order; empty files are skipped. */
    public <E extends Exception> void forEachSegment(long offset, int length, SegmentVisitor<E> visitor) throws E {
        int file = fileAt(offset);
        int done = 0;
        while (done < length) {
            long inFile = offset + done - fileStarts[file];
            long fileSize = manifest.files().get(file).size();
            int n = (int) Math.min(length - done, fileSize - inFile);
            if (n > 0) {
                visitor.segment(file, inFile, done, n);
                done += n;
            }
            file++;
        }
    }

    private int fileAt(long offset) {
        int i = Arrays.binarySearch(fileStarts, offset);
        if (i < 0) {
            return -i - 2;
        }
        // Several files may start here when some are empty: take the last, the one holding the byte.
        while (i + 1 < fileStarts.length && fileStarts[i + 1] == offset) {
            i++;
        }
        return i;
    }
}
