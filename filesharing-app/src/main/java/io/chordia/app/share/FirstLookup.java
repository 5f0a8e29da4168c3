package io.chordia.app.share;

import io.chordia.app.share.directory.PeerDirectory;
import io.chordia.core.net.Address;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * A fetch's first peer lookup, made before the fetch starts so that a content nobody announces
 * fails at once with a {@link NoPeersException} instead of waiting out the stall timeout. The
 * fetch then gets this directory, which answers its first question with the peers already found
 * (no second lookup) and passes later ones on.
 */
final class FirstLookup implements PeerDirectory {
    private final PeerDirectory directory;
    private List<Address> found;

    private FirstLookup(PeerDirectory directory, List<Address> found) {
        this.directory = directory;
        this.found = found;
    }

    /** Looks {@code link} up; fails with a {@link NoPeersException} when no peer but {@code self} is announced. */
    static CompletableFuture<FirstLookup> run(PeerDirectory directory, Link link, Address self) {
        return directory.findPeers(link.contentId()).handle((peers, failure) -> {
            if (failure != null) {
                Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                        ? failure.getCause() : failure;
                throw new NoPeersException("cannot look up the peers of " + link.name() + ": " + cause.getMessage());
            }
            List<Address> others = peers.stream().filter(a -> !a.equals(self)).toList();
            if (others.isEmpty()) {
                throw new NoPeersException("no peer shares " + link.name() + ": the DHT lookup found nobody announcing "
                        + link.contentId().toHex());
            }
            return new FirstLookup(directory, others);
        });
    }

    int peersFound() {
        return found == null ? 0 : found.size();
    }

    @Override
    public CompletableFuture<Void> announce(io.chordia.app.share.ContentId content, Address peer, Duration ttl) {
        return directory.announce(content, peer, ttl);
    }

    @Override
    public synchronized CompletableFuture<List<Address>> findPeers(io.chordia.app.share.ContentId content) {
        List<Address> first = found;
        if (first != null) {
            found = null;
            return CompletableFuture.completedFuture(first);
        }
        return directory.findPeers(content);
    }
}
