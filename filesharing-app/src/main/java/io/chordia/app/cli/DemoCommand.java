package io.chordia.app.cli;

import io.chordia.app.UserFacingException;
import io.chordia.app.demo.LoopbackDemo;
import io.chordia.app.demo.NettyPeerFactory;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code chordia demo}: the README's main job. */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Run a local network on 127.0.0.1 and show what it does.", "A bootstrap node and a few dozen Chord peers"
                + " (real UDP sockets, one process): peers join, store values, look keys up showing the hops, read back;"
                + " then peers are killed and the data survives."})
final class DemoCommand implements Callable<Integer> {
    @Option(names = "--peers", defaultValue = "32", paramLabel = "N", description = "Peers to start, the bootstrap node included (default: ${DEFAULT-VALUE}).")
    int peers;

    @Option(names = "--kill", defaultValue = "6", paramLabel = "N", description = "Peers to kill half way (default: ${DEFAULT-VALUE}).")
    int kill;

    @Option(names = "--seed", defaultValue = "1", paramLabel = "N", description = "Seed for ids and choices (default: ${DEFAULT-VALUE}).")
    long seed;

    @Override
    public Integer call() throws Exception {
        if (peers < 5 || peers > 500) {
            throw new UserFacingException("--peers must be between 5 and 500, was " + peers, "pick a number of peers in that range");
        }
        if (kill < 0 || kill > peers - 4) {
            throw new UserFacingException("--kill must be between 0 and " + (peers - 4) + ", was " + kill,
                    "at least four peers must survive to hold three replicas");
        }
        try (NettyPeerFactory factory = new NettyPeerFactory()) {
            int wrong = new LoopbackDemo(System.out, seed, peers, kill).run(factory);
            return wrong == 0 ? 0 : 1;
        }
    }
}
