/**
 * KRPC (BEP 5, with BEP 32's {@code nodes6}, 42's {@code ip}, 43's {@code ro}, 44's get/put) as a
 * {@link io.chordia.core.transport.WireCodec}: a node speaks the Mainline DHT's wire unchanged. Our
 * queries' transaction ids carry their method and 64 random bits; a peer's are echoed byte for byte.
 * Not thread-safe: one codec per node, on the thread that decodes its queries and encodes its replies.
 */
package io.chordia.transport.krpc;
