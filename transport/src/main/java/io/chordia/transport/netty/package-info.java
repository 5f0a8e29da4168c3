/**
 * Netty transports: UDP datagrams of envelopes ({@code NettyUdpTransport}) and length-prefixed TCP
 * streams ({@code NettyTcpStreamTransport}). Each channel lives on one event loop, which is also its
 * node's executor ({@code EventLoopScheduler}), so inbound envelopes reach the node with no thread hop.
 * An optional {@code DatagramGate} sees each datagram before it is decoded (the bootstrap node's
 * rate limits); policy stays with whoever supplies it.
 */
package io.chordia.transport.netty;
