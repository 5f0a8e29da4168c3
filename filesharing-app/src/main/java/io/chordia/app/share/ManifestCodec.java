package io.chordia.app.share;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The canonical binary encoding of a {@link Manifest} (big-endian):
 * <pre>
 * "CHMF" | version u8 = 1 | flags u8 (bit 0: directory) | piece size u32 | name: u16 length, UTF-8
 * | file count u32 | per file: path (u16 length, UTF-8), size u64 | piece count u32 | 20 bytes per piece
 * </pre>
 * Decoding is strict: every count and length is checked against its bound and the bytes present
 * before anything is allocated, UTF-8 must be well formed, unknown flags and trailing bytes are
 * refused, so anything accepted re-encodes to the same bytes (and the same {@link ContentId}).
 */
public final class ManifestCodec {
    private static final int MAGIC = 0x43484D46; // "CHMF"
    private static final int VERSION = 1;
    private static final int FLAG_DIRECTORY = 1;

    private ManifestCodec() {}

    public static byte[] encode(Manifest m) {
        List<byte[]> paths = new ArrayList<>(m.files().size());
        byte[] name = m.name().getBytes(StandardCharsets.UTF_8);
        int size = 4 + 1 + 1 + 4 + 2 + name.length + 4 + 4 + m.pieceCount() * Manifest.HASH_BYTES;
        for (ManifestFile f : m.files()) {
            byte[] p = f.path().getBytes(StandardCharsets.UTF_8);
            paths.add(p);
            size += 2 + p.length + 8;
        }
        ByteBuffer out = ByteBuffer.allocate(size);
        out.putInt(MAGIC).put((byte) VERSION).put((byte) (m.directory() ? FLAG_DIRECTORY : 0)).putInt(m.pieceSize());
        out.putShort((short) name.length).put(name);
        out.putInt(m.files().size());
        for (int i = 0; i < paths.size(); i++) {
            out.putShort((short) paths.get(i).length).put(paths.get(i)).putLong(m.files().get(i).size());
        }
        out.putInt(m.pieceCount()).put(m.pieceHashesUnsafe());
        return out.array();
    }

    /** Decodes {@code bytes}; throws {@link InvalidManifestException} saying what is wrong. */
    public static Manifest decode(byte[] bytes) {
        if (bytes.length > ManifestLimits.MAX_ENCODED_BYTES) {
            throw new InvalidManifestException("manifest of " + bytes.length + " bytes is larger than "
                    + ManifestLimits.MAX_ENCODED_BYTES);
        }
        ByteBuffer in = ByteBuffer.wrap(bytes);
        try {
            if (in.getInt() != MAGIC) {
                throw new InvalidManifestException("not a Chordia manifest (bad magic)");
            }
            int version = in.get() & 0xFF;
            if (version != VERSION) {
                throw new InvalidManifestException("manifest version " + version + " is not supported (only " + VERSION + ")");
            }
            int flags = in.get() & 0xFF;
            if ((flags & ~FLAG_DIRECTORY) != 0) {
                throw new InvalidManifestException("unknown manifest flags " + flags);
            }
            int pieceSize = in.getInt();
            String name = text(in, "name");
            int fileCount = in.getInt();
            if (fileCount < 1 || fileCount > ManifestLimits.MAX_FILES) {
                throw new InvalidManifestException("file count " + Integer.toUnsignedString(fileCount)
                        + " is outside [1, " + ManifestLimits.MAX_FILES + "]");
            }
            if (fileCount > in.remaining() / 10) {
                throw new InvalidManifestException("file count " + fileCount + " is more than the manifest holds");
            }
            List<ManifestFile> files = new ArrayList<>(fileCount);
            for (int i = 0; i < fileCount; i++) {
                String path = text(in, "path");
                long size = in.getLong();
                if (size < 0 || size > ManifestLimits.MAX_TOTAL_BYTES) {
                    throw new InvalidManifestException("file '" + SafePaths.printable(path) + "' has an absurd size "
                            + Long.toUnsignedString(size));
                }
                files.add(new ManifestFile(path, size));
            }
            int pieceCount = in.getInt();
            if (pieceCount < 0 || pieceCount > ManifestLimits.MAX_PIECES) {
                throw new InvalidManifestException("piece count " + Integer.toUnsignedString(pieceCount) + " exceeds "
                        + ManifestLimits.MAX_PIECES);
            }
            if ((long) pieceCount * Manifest.HASH_BYTES != in.remaining()) {
                throw new InvalidManifestException("manifest has " + in.remaining() + " bytes of piece hashes, expected "
                        + (long) pieceCount * Manifest.HASH_BYTES);
            }
            byte[] hashes = new byte[pieceCount * Manifest.HASH_BYTES];
            in.get(hashes);
            return new Manifest(name, (flags & FLAG_DIRECTORY) != 0, pieceSize, files, hashes);
        } catch (BufferUnderflowException e) {
            throw new InvalidManifestException("manifest is truncated");
        }
    }

    private static String text(ByteBuffer in, String what) {
        int length = in.getShort() & 0xFFFF;
        if (length > in.remaining()) {
            throw new InvalidManifestException(what + " length " + length + " runs past the end of the manifest");
        }
        ByteBuffer slice = in.slice().limit(length);
        in.position(in.position() + length);
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(slice).toString();
        } catch (CharacterCodingException e) {
            throw new InvalidManifestException(what + " is not valid UTF-8");
        }
    }
}
