package io.chordia.app.node;

import io.chordia.app.UserFacingException;
import io.chordia.core.message.Ping;
import io.chordia.core.message.Pong;
import io.chordia.core.net.Address;
import io.chordia.core.net.ExternalAddressVotes;
import io.chordia.core.rpc.RpcConfig;
import io.chordia.core.rpc.RpcEndpoint;
import io.chordia.routing.Protocol;
import io.chordia.routing.ProtocolProbe;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * What a starting node asks its bootstrap nodes before it joins, all of them at once: where they
 * see it (a pong's observed address) and which protocol they speak ({@link ProtocolProbe}).
 *
 * @param answers one per bootstrap node, in the order given
 */
record FirstContact(List<Answer> answers) {
    /** Each call's own retries; a bootstrap node that does not answer them is left to the join to report. */
    private static final RpcConfig CALLS = RpcConfig.defaults();
    private static final long WAIT_SECONDS = 10;

    /**
     * One bootstrap node's answers.
     *
     * @param observed  where it sees us, or {@code null} when it did not answer the ping
     * @param protocols the protocols it answered for
     */
    record Answer(Address bootstrap, Address observed, Set<Protocol> protocols) {}

    FirstContact {
        answers = List.copyOf(answers);
    }

    /** Asks each of {@code bootstrap} through {@code rpc}; blocks (not on the node thread) until all answered or gave up. */
    static FirstContact ask(RpcEndpoint rpc, List<Address> bootstrap) throws InterruptedException {
        List<CompletableFuture<Answer>> pending = new ArrayList<>();
        for (Address b : bootstrap) {
            CompletableFuture<Address> observed = rpc.exchange(b, null, new Ping(), CALLS)
                    .handle((reply, failure) -> failure == null ? reply.body().observedAddress() : null);
            CompletableFuture<Set<Protocol>> spoken = ProtocolProbe.protocolsAt(rpc, b, CALLS);
            pending.add(observed.thenCombine(spoken, (o, p) -> new Answer(b, o, p)));
        }
        List<Answer> answers = new ArrayList<>();
        for (int i = 0; i < pending.size(); i++) {
            try {
                answers.add(pending.get(i).get(WAIT_SECONDS, TimeUnit.SECONDS));
            } catch (ExecutionException | TimeoutException e) {
                answers.add(new Answer(bootstrap.get(i), null, Set.of()));
            }
        }
        return new FirstContact(answers);
    }

    /**
     * Where the bootstrap nodes see us when they agree: all of them when fewer than
     * {@link ExternalAddressVotes#DEFAULT_THRESHOLD} distinct hosts were given (the user chose them,
     * and a disagreement means we cannot tell), else that many. {@code null} when they do not.
     */
    Address agreedAddress() {
        int hosts = (int) answers.stream().map(a -> a.bootstrap().host()).distinct().count();
        if (hosts == 0) {
            return null;
        }
        ExternalAddressVotes votes = new ExternalAddressVotes(Math.min(ExternalAddressVotes.DEFAULT_THRESHOLD, hosts),
                ExternalAddressVotes.DEFAULT_MAX_REPORTERS);
        answers.stream().filter(a -> a.observed() != null).forEach(a -> votes.add(a.bootstrap(), a.observed()));
        return votes.agreed();
    }

    /** How many bootstrap nodes name {@code address}. */
    int seeingUsAt(Address address) {
        return (int) answers.stream().filter(a -> address.equals(a.observed())).count();
    }

    /**
     * Fails when bootstrap nodes answered but none speaks {@code ours} and one speaks another:
     * the join would only say that nobody answered.
     */
    void checkProtocol(Protocol ours) {
        if (answers.stream().anyMatch(a -> a.protocols().contains(ours))) {
            return;
        }
        for (Answer a : answers) {
            if (!a.protocols().isEmpty()) {
                String other = a.protocols().iterator().next().label();
                throw new UserFacingException("the node at " + a.bootstrap() + " speaks " + other
                        + "; start with --protocol " + other,
                        "every node of a network speaks the same protocol (the default is " + Protocol.DEFAULT.label() + ")");
            }
        }
    }
}
