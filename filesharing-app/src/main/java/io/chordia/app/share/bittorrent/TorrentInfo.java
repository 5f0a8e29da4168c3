package io.chordia.app.share.bittorrent;

import io.chordia.app.share.Manifest;
import io.chordia.app.share.ManifestFile;
import io.chordia.core.util.Bytes;
import io.chordia.transport.bencode.BencodeBytes;
import io.chordia.transport.bencode.BencodeDictionary;
import io.chordia.transport.bencode.BencodeEncoder;
import io.chordia.transport.bencode.BencodeInteger;
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

    private final byte[] encoded;
    private final InfoHash infoHash;
    private final String name;

    private TorrentInfo(byte[] encoded, String name) {
        this.encoded = encoded;
        this.infoHash = InfoHash.of(encoded);
        this.name = name;
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
        return new TorrentInfo(BencodeEncoder.encode(info.build()), manifest.name());
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
        return name;
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
        return new MagnetLink(infoHash, name);
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
