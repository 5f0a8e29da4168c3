package io.chordia.transport.bench;

import io.chordia.core.id.NodeId;
import io.chordia.core.message.Envelope;
import io.chordia.core.message.Nodes;
import io.chordia.core.net.Address;
import io.chordia.core.net.Contact;
import io.chordia.core.transport.MalformedMessageException;
import io.chordia.transport.codec.KryoWireCodec;
import io.chordia.transport.netty.TransportConfig;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Encode + decode of a Kademlia-sized reply (Nodes with 20 IPv4 contacts, ~580 bytes) on both
 * codec paths. {@code transport/bench.sh codec}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class CodecBenchmark {
    private final KryoWireCodec codec = new KryoWireCodec(TransportConfig.DEFAULT_MAX_DATAGRAM_BYTES);
    private final PooledByteBufAllocator allocator = PooledByteBufAllocator.DEFAULT;
    private final Address recipient = new Address("127.0.0.1", 4000);
    private Envelope envelope;
    private byte[] encoded;

    @Setup
    public void setUp() {
        SplittableRandom random = new SplittableRandom(20);
        List<Contact> contacts = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            contacts.add(new Contact(NodeId.random(random),
                    new Address("10." + random.nextInt(256) + "." + random.nextInt(256) + "." + random.nextInt(256),
                            1024 + random.nextInt(60000))));
        }
        envelope = new Envelope(random.nextLong(), new Contact(NodeId.random(random), new Address("192.0.2.1", 4000)),
                recipient, new Nodes(contacts));
        encoded = codec.encode(envelope);
    }

    @Benchmark
    public Envelope encodeDecodeByteArray() throws MalformedMessageException {
        byte[] bytes = codec.encode(envelope);
        return codec.decode(bytes, 0, bytes.length, recipient);
    }

    @Benchmark
    public Envelope encodeDecodeDirectByteBuf() throws MalformedMessageException {
        ByteBuf buf = codec.encode(envelope, allocator);
        try {
            return codec.decode(buf, recipient);
        } finally {
            buf.release();
        }
    }

    @Benchmark
    public byte[] encodeOnly() {
        return codec.encode(envelope);
    }

    @Benchmark
    public Envelope decodeOnly() throws MalformedMessageException {
        return codec.decode(encoded, 0, encoded.length, recipient);
    }
}
