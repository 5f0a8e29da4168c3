package io.chordia.app.share.wire;

import io.chordia.app.share.ContentId;
import io.chordia.app.share.bittorrent.InfoHash;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The contents one peer serves, by id. Thread-safe. */
public final class ContentCatalog {
    private final Map<ContentId, ServedContent> served = new ConcurrentHashMap<>();

    /** Serves {@code content}; a content already served under the same id keeps being served. */
    public ServedContent add(ServedContent content) {
        ServedContent previous = served.putIfAbsent(content.content().id(), content);
        if (previous != null) {
            content.close();
            return previous;
        }
        return content;
    }

    public ServedContent get(ContentId id) {
        return served.get(id);
    }

    /**
     * The content whose BitTorrent infohash is {@code infoHash}, or null; a scan, as a peer serves a
     * handful. A content still being fetched is found too: BitTorrent clients get its verified pieces.
     */
    public ServedContent byInfoHash(InfoHash infoHash) {
        for (ServedContent c : served.values()) {
            if (c.torrent().info().infoHash().equals(infoHash)) {
                return c;
            }
        }
        return null;
    }

    /** What is served complete now, in no particular order (a content still being fetched is not listed). */
    public java.util.List<io.chordia.app.share.LocalContent> contents() {
        return served.values().stream().filter(ServedContent::complete).map(ServedContent::content).toList();
    }

    /** Stops serving {@code content} if it is what is served under its id. */
    public void remove(ServedContent content) {
        if (served.remove(content.content().id(), content)) {
            content.close();
        }
    }

    public void remove(ContentId id) {
        ServedContent c = served.remove(id);
        if (c != null) {
            c.close();
        }
    }

    public void closeAll() {
        served.keySet().forEach(this::remove);
    }
}
