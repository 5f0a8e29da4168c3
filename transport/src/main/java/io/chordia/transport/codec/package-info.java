/**
 * The wire format: envelopes to bytes and back with Kryo and hand-written, bounds-checked
 * serializers. A {@code KryoWireCodec} is confined to one thread (a Netty event loop); make one per
 * thread. Decoding never throws anything but {@code MalformedMessageException}.
 */
package io.chordia.transport.codec;
