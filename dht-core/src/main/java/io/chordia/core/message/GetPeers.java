package io.chordia.core.message;

import io.chordia.core.id.NodeId;
import io.chordia.core.util.Checks;

/**
 * Who is in the swarm of {@code infoHash}? BEP 5's {@code get_peers}: answered by {@link Peers},
 * with the peers the responder holds or, failing those, the contacts it knows closest to the hash.
 */
public record GetPeers(NodeId infoHash) implements Request<Peers> {
    public GetPeers {
        Checks.notNull(infoHash, "infoHash");
    }

    @Override
    public Class<Peers> responseType() {
        return Peers.class;
    }
}
