package io.chordia.transport.netty;

import io.chordia.core.message.Envelope;
import io.chordia.core.net.Address;

/** A decoded datagram on its way from {@link DatagramDecoder} to {@link InboundDispatcher}. */
record InboundEnvelope(Envelope envelope, Address source, int bytes) {}
