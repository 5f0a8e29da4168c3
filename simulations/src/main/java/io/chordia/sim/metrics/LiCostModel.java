package io.chordia.sim.metrics;

import io.chordia.core.message.Envelope;
import io.chordia.core.net.Address;
import io.chordia.core.net.Contact;
import io.chordia.core.transport.WireCodec;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The bandwidth charge of Li et al., "A performance vs. cost framework for evaluating DHT design
 * tradeoffs under churn" (INFOCOM 2005): 20 bytes per message plus 4 bytes per node carried in
 * it, whatever the encoding, so our latency-against-bandwidth points sit on their scale. A node
 * carried is a {@link Contact} anywhere in the body (lists, optionals and nested records
 * included); the sender, the recipient and a key or target id are covered by the 20 bytes, and
 * stored values are not charged (their model has no storage). It only sizes envelopes, for
 * {@code SimNetwork.countBytesWith}: the bytes it "encodes" are zeros of the charged length.
 */
public final class LiCostModel implements WireCodec {
    public static final int BYTES_PER_MESSAGE = 20;
    public static final int BYTES_PER_NODE = 4;

    private final Map<Class<?>, RecordComponent[]> components = new ConcurrentHashMap<>();

    @Override
    public byte[] encode(Envelope envelope) {
        return new byte[encodedLength(envelope)];
    }

    @Override
    public int encodedLength(Envelope envelope) {
        return BYTES_PER_MESSAGE + BYTES_PER_NODE * nodesCarried(envelope.body());
    }

    @Override
    public Envelope decode(byte[] data, int offset, int length, Address recipient) {
        throw new UnsupportedOperationException("the Li et al. cost model sizes datagrams; it has no wire format");
    }

    /** Contacts anywhere inside {@code value}. */
    int nodesCarried(Object value) {
        if (value instanceof Contact) {
            return 1;
        }
        if (value instanceof Collection<?> collection) {
            int n = 0;
            for (Object element : collection) {
                n += nodesCarried(element);
            }
            return n;
        }
        if (value instanceof Optional<?> optional) {
            return optional.map(this::nodesCarried).orElse(0);
        }
        if (value == null || !value.getClass().isRecord()) {
            return 0;
        }
        int n = 0;
        for (RecordComponent component : components.computeIfAbsent(value.getClass(), Class::getRecordComponents)) {
            n += nodesCarried(read(component, value));
        }
        return n;
    }

    private static Object read(RecordComponent component, Object record) {
        try {
            return component.getAccessor().invoke(record);
        } catch (IllegalAccessException | InvocationTargetException e) {
            throw new IllegalStateException("cannot read " + component + " of a " + record.getClass().getSimpleName(), e);
        }
    }
}
