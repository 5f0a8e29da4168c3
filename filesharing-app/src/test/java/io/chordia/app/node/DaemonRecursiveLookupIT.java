package io.chordia.app.node;

import static org.assertj.core.api.Assertions.assertThat;

import io.chordia.core.id.NodeId;
import io.chordia.routing.LookupStyle;
import io.chordia.routing.Protocol;
import io.chordia.routing.lookup.LookupResult;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Behind the guard, honest recursive lookups still work on real daemons: a first hop that has not
 * yet verified the origin refuses, pings it, and the origin looks up iteratively; either way the
 * answer names the same owner as an iterative lookup.
 */
class DaemonRecursiveLookupIT {
    @TempDir
    Path work;

    @ParameterizedTest
    // Over KRPC (mainline) the daemon carries no Kryo-only requests (store, get, recursive lookup): MainlineDaemonIT.
    @EnumSource(value = Protocol.class, names = "MAINLINE", mode = EnumSource.Mode.EXCLUDE)
    void recursiveLookupsFromANewcomerFindTheSameOwnersAsIterativeOnes(Protocol protocol) throws Exception {
        try (PeerDaemon first = PeerDaemon.start(settings(protocol, "a", List.of()));
             PeerDaemon second = PeerDaemon.start(settings(protocol, "b", List.of(seed(first))));
             PeerDaemon third = PeerDaemon.start(settings(protocol, "c", List.of(seed(first), seed(second))))) {
            for (int round = 0; round < 2; round++) {
                for (int i = 0; i < 20; i++) {
                    NodeId key = NodeId.sha1Of("key " + i);
                    LookupResult recursive = third.node().lookup(key, LookupStyle.RECURSIVE).get(20, TimeUnit.SECONDS);
                    LookupResult iterative = third.node().lookup(key, LookupStyle.ITERATIVE).get(20, TimeUnit.SECONDS);
                    assertThat(recursive.succeeded()).as("round %s, key %s", round, i).isTrue();
                    assertThat(recursive.owner()).as("round %s, key %s", round, i).isEqualTo(iterative.owner());
                }
            }
        }
    }

    private static String seed(PeerDaemon daemon) {
        return "127.0.0.1:" + daemon.self().address().port();
    }

    private NodeSettings settings(Protocol protocol, String name, List<String> bootstrap) {
        return NodeSettings.defaults().withHost("127.0.0.1").withPort(0).withProtocol(protocol)
                .withBootstrap(bootstrap).withDataDir(work.resolve(name));
    }
}
