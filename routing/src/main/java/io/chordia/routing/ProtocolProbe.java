package io.chordia.routing;

import io.chordia.core.message.ErrorCode;
import io.chordia.core.net.Address;
import io.chordia.core.rpc.RemoteErrorException;
import io.chordia.core.rpc.RpcConfig;
import io.chordia.core.rpc.RpcEndpoint;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * Which overlay protocols a peer speaks, found by sending it each protocol's cheapest request:
 * whatever it answers, a refusal included, other than {@code UNSUPPORTED} means it serves that
 * request. A node that is told only "no bootstrap node answered" cannot guess that the one it
 * asked speaks the other protocol, although it answered every request.
 */
public final class ProtocolProbe {
    private ProtocolProbe() {}

    /**
     * Completes, on the node thread, with the protocols {@code peer} answered for; empty when it
     * answered neither (or nothing at all). Never fails.
     */
    public static CompletableFuture<Set<Protocol>> protocolsAt(RpcEndpoint rpc, Address peer, RpcConfig config) {
        List<CompletableFuture<Protocol>> answers = new ArrayList<>();
        for (Protocol p : Protocol.values()) {
            answers.add(rpc.exchange(peer, null, p.overlay().probe(rpc.self().id()), config).handle((reply, failure) ->
                    failure == null || servedAnyway(failure) ? p : null));
        }
        return CompletableFuture.allOf(answers.toArray(CompletableFuture[]::new)).thenApply(done -> {
            Set<Protocol> spoken = EnumSet.noneOf(Protocol.class);
            answers.forEach(a -> {
                if (a.join() != null) {
                    spoken.add(a.join());
                }
            });
            return spoken;
        });
    }

    /** A refusal other than UNSUPPORTED ("not part of the ring yet", "over budget") comes from a handler. */
    private static boolean servedAnyway(Throwable failure) {
        Throwable cause = failure instanceof java.util.concurrent.CompletionException && failure.getCause() != null
                ? failure.getCause() : failure;
        return cause instanceof RemoteErrorException remote && remote.code() != ErrorCode.UNSUPPORTED;
    }
}
