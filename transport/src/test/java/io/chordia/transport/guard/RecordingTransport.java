package io.chordia.transport.guard;

import io.chordia.core.message.Envelope;
import io.chordia.core.net.Address;
import io.chordia.core.transport.InboundHandler;
import io.chordia.core.transport.Transport;
import io.chordia.core.transport.TransportStats;
import java.util.ArrayList;
import java.util.List;

/** A transport that records what is sent and delivers what a test hands it. */
final class RecordingTransport implements Transport {
    final List<Envelope> sent = new ArrayList<>();
    private final Address local;
    private InboundHandler handler;

    RecordingTransport(Address local) {
        this.local = local;
    }

    void deliver(Envelope envelope, Address source) {
        handler.onEnvelope(envelope, source);
    }

    @Override
    public void send(Envelope envelope) {
        sent.add(envelope);
    }

    @Override
    public void onReceive(InboundHandler handler) {
        this.handler = handler;
    }

    @Override
    public Address localAddress() {
        return local;
    }

    @Override
    public TransportStats stats() {
        return new TransportStats();
    }

    @Override
    public void close() {}
}
