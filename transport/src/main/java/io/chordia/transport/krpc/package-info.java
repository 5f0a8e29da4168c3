/**
 * KRPC (BEP 5, with BEP 32's {@code nodes6}, BEP 42's {@code ip} and BEP 43's {@code ro}) as a
 * {@link io.chordia.core.transport.WireCodec}, so a node speaks the Mainline DHT's wire without
 * knowing it. Our queries carry a 9-byte transaction id, a method tag and our 64-bit id, so a
 * response is routed statelessly; a peer's id is echoed byte for byte. Not thread-safe: confine a
 * codec to the thread that both decodes a node's queries and encodes its replies.
 */
package io.chordia.transport.krpc;
