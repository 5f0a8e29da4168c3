package io.chordia.app.share;

/** The bounds a manifest must respect; a decoder refuses anything past them before allocating. */
public final class ManifestLimits {
    /** 1 TiB: far past any realistic share, small enough that piece counts stay bounded. */
    public static final long MAX_TOTAL_BYTES = 1L << 40;
    public static final int MAX_FILES = 100_000;
    public static final int MIN_PIECE_SIZE = 16 * 1024;
    public static final int MAX_PIECE_SIZE = 16 * 1024 * 1024;
    public static final int DEFAULT_PIECE_SIZE = 256 * 1024;
    /** Bounds the hash list to 40 MB; with 256 KiB pieces that is 500 GiB of content. */
    public static final int MAX_PIECES = 2_000_000;
    public static final int MAX_PATH_BYTES = 4096;
    public static final int MAX_SEGMENT_BYTES = 255;
    public static final int MAX_DEPTH = 64;
    /** The largest encoded manifest a peer will send or accept. */
    public static final int MAX_ENCODED_BYTES = 48 * 1024 * 1024;

    private ManifestLimits() {}
}
