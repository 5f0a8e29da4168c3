package io.chordia.app.share.bittorrent;

import io.chordia.app.share.InvalidManifestException;
import io.chordia.app.share.Manifest;
import io.chordia.app.share.ManifestFile;
import io.chordia.app.share.ManifestLimits;
import io.chordia.core.util.Bytes;
import io.chordia.transport.bencode.BencodeBytes;
import io.chordia.transport.bencode.BencodeDecoder;
import io.chordia.transport.bencode.BencodeDictionary;
import io.chordia.transport.bencode.BencodeEncoder;
import io.chordia.transport.bencode.BencodeException;
import io.chordia.transport.bencode.BencodeInteger;
import io.chordia.transport.bencode.BencodeLimits;
import io.chordia.transport.bencode.BencodeList;
import io.chordia.transport.bencode.BencodeValue;
import java.util.ArrayList;
import java.util.List;

/**
 * A content as BitTorrent v1 sees it: the info dictionary of BEP 3 built from a {@link Manifest},
 * its encoding (what ut_metadata sends) and its infohash.
 *
 * <p>The layouts agree, so no piece is rehashed: a manifest's pieces run over its files'
 * concatenation in manifest order, as BEP 3's do over the {@code files} list in its order, and
 * both hash pieces with SHA-1. A single-file content has BEP 3's {@code length} form, a directory
 * the {@code files} form with each path split at '/'. Two differences stay: our piece size is a
 * power of two in [16 KiB, 16 MiB] (BitTorrent allows any, so not every torrent is a manifest),
 * and our files are in byte order of their paths where a torrent keeps its creator's order, so a
 * client that orders a directory differently makes another infohash for it.
 */
public final class TorrentInfo {
    private static final String CREATED_BY = "chordia";

    /** What a parsed info dictionary may hold: four levels (info, files, file, path), the pieces string, 100,000 files. */
    private static final BencodeDecoder DECODER = new BencodeDecoder(new BencodeLimits(4,
            ManifestLimits.MAX_PIECES * Manifest.HASH_BYTES, ManifestLimits.MAX_FILES + 1, 8 * ManifestLimits.MAX_FILES + 64));

    private final byte[] encoded;
    private final InfoHash infoHash;
    private final Manifest manifest;

    private TorrentInfo(byte[] encoded, Manifest manifest) {
        this.encoded = encoded;
        this.infoHash = InfoHash.of(encoded);
        this.manifest = manifest;
    }

    public static TorrentInfo of(Manifest manifest) {
        BencodeDictionary.Builder info = BencodeDictionary.builder()
                .put("name", BencodeBytes.of(manifest.name()))
                .put("piece length", new BencodeInteger(manifest.pieceSize()))
                .put("pieces", new BencodeBytes(Bytes.wrapOwned(allHashes(manifest))));
        if (manifest.directory()) {
            info.put("files", files(manifest.files()));
        } else {
            info.put("length", new BencodeInteger(manifest.totalSize()));
        }
        return new TorrentInfo(BencodeEncoder.encode(info.build()), manifest);
    }

    /**
     * The manifest of a BitTorrent info dictionary (from a {@code .torrent} or ut_metadata), when it
     * is one we can fetch: its piece size a manifest's, its files in our order, and nothing in it we
     * would not write ourselves (so the manifest gives back the very bytes, and the infohash).
     *
     * @throws InvalidManifestException saying what differs, in words for a user
     */
    public static TorrentInfo parse(byte[] encodedInfo) {
        BencodeValue decoded;
        try {
            decoded = DECODER.decode(encodedInfo);
        } catch (BencodeException e) {
            throw new InvalidManifestException("the info dictionary is not valid bencode: " + e.getMessage());
        }
        if (!(decoded instanceof BencodeDictionary info)) {
            throw new InvalidManifestException("the info dictionary is not a dictionary");
        }
        String name = text(info.get("name"), "name");
        long pieceLength = number(info.get("piece length"), "piece length");
        if (pieceLength < ManifestLimits.MIN_PIECE_SIZE || pieceLength > ManifestLimits.MAX_PIECE_SIZE
                || Long.bitCount(pieceLength) != 1) {
            throw new InvalidManifestException("piece length " + pieceLength + " is not a power of two from 16 KiB to 16 MiB,"
                    + " which Chordia's manifests need");
        }
        if (!(info.get("pieces") instanceof BencodeBytes pieces)) {
            throw new InvalidManifestException("the info dictionary has no pieces");
        }
        boolean directory = info.get("files") != null;
        Manifest manifest;
        try {
            List<ManifestFile> files = directory ? files(info.get("files"))
                    : List.of(new ManifestFile(name, number(info.get("length"), "length")));
            manifest = new Manifest(name, directory, (int) pieceLength, files, pieces.value().toArray());
        } catch (InvalidManifestException e) {
            throw e;
        } catch (IllegalArgumentException e) { // a path or size the manifest's own checks refuse
            throw new InvalidManifestException(e.getMessage());
        }
        TorrentInfo ours = of(manifest);
        if (!java.util.Arrays.equals(ours.encoded, encodedInfo)) {
            throw new InvalidManifestException("the info dictionary holds more than name, piece length, pieces and files"
                    + " (or its keys are not sorted): a manifest would not give back its infohash");
        }
        return ours;
    }

    private static List<ManifestFile> files(BencodeValue value) {
        if (!(value instanceof BencodeList list)) {
            throw new InvalidManifestException("files is not a list");
        }
        List<ManifestFile> files = new ArrayList<>(list.items().size());
        for (BencodeValue item : list.items()) {
            if (!(item instanceof BencodeDictionary file) || !(file.get("path") instanceof BencodeList path)) {
                throw new InvalidManifestException("a file without a path");
            }
            StringBuilder joined = new StringBuilder();
            for (BencodeValue segment : path.items()) {
                joined.append(joined.length() == 0 ? "" : "/").append(text(segment, "path"));
            }
            files.add(new ManifestFile(joined.toString(), number(file.get("length"), "length")));
        }
        return files;
    }

    private static String text(BencodeValue value, String what) {
        if (value instanceof BencodeBytes b) {
            return b.value().toUtf8();
        }
        throw new InvalidManifestException("the info dictionary's " + what + " is not a string");
    }

    private static long number(BencodeValue value, String what) {
        if (value instanceof BencodeInteger i) {
            return i.value();
        }
        throw new InvalidManifestException("the info dictionary's " + what + " is not an integer");
    }

    /** The manifest this info dictionary was built from, or parsed into. */
    public Manifest manifest() {
        return manifest;
    }

    private static byte[] allHashes(Manifest manifest) {
        byte[] all = new byte[manifest.pieceCount() * Manifest.HASH_BYTES];
        for (int i = 0; i < manifest.pieceCount(); i++) {
            System.arraycopy(manifest.pieceHash(i), 0, all, i * Manifest.HASH_BYTES, Manifest.HASH_BYTES);
        }
        return all;
    }

    private static BencodeList files(List<ManifestFile> files) {
        List<BencodeValue> list = new ArrayList<>(files.size());
        for (ManifestFile f : files) {
            List<BencodeValue> path = new ArrayList<>();
            for (String segment : f.path().split("/", -1)) {
                path.add(BencodeBytes.of(segment));
            }
            list.add(BencodeDictionary.builder()
                    .put("length", new BencodeInteger(f.size()))
                    .put("path", new BencodeList(path))
                    .build());
        }
        return new BencodeList(list);
    }

    public InfoHash infoHash() {
        return infoHash;
    }

    public String name() {
        return manifest.name();
    }

    /** Length of the encoded info dictionary: ut_metadata's {@code metadata_size}. */
    public int size() {
        return encoded.length;
    }

    /** Copies {@code length} bytes of the encoded info dictionary from {@code offset} into {@code target}. */
    public void copy(int offset, byte[] target, int targetOffset, int length) {
        System.arraycopy(encoded, offset, target, targetOffset, length);
    }

    public byte[] encoded() {
        return encoded.clone();
    }

    public MagnetLink magnetLink() {
        return new MagnetLink(infoHash, manifest.name());
    }

    /** A {@code .torrent} file: the info dictionary with no tracker (peers come by DHT or by hand) and no date, so it is reproducible. */
    public byte[] torrentFile() {
        byte[] createdByKey = "10:created by".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        byte[] createdBy = (CREATED_BY.length() + ":" + CREATED_BY).getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        byte[] infoKey = "4:info".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        // Written around the encoded bytes rather than re-encoded, so the file's info is the very bytes hashed.
        byte[] out = new byte[1 + createdByKey.length + createdBy.length + infoKey.length + encoded.length + 1];
        int at = 0;
        out[at++] = 'd';
        for (byte[] part : new byte[][] {createdByKey, createdBy, infoKey, encoded}) {
            System.arraycopy(part, 0, out, at, part.length);
            at += part.length;
        }
        out[at] = 'e';
        return out;
    }
}
