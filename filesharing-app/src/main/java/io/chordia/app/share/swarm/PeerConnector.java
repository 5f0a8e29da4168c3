package io.chordia.app.share.swarm;

import io.chordia.app.share.ContentId;
import io.chordia.core.net.Address;

/**
 * Opens {@link PeerLink}s: over TCP on real sockets, over simulated streams in the simulator.
 * Called on the fetch's node thread; the link's events arrive on that thread.
 */
public interface PeerConnector {
    /** Why a link is opened: to fetch the manifest only, or to open the content and fetch blocks. */
    enum Purpose { MANIFEST, DATA }

    /**
     * Connects to {@code peer} and, once connected, asks for {@code content}'s manifest or opens it;
     * a failure to connect is reported as {@link PeerLinkEvents#onClosed}.
     */
    PeerLink connect(Address peer, ContentId content, Purpose purpose, PeerLinkEvents events);
}
