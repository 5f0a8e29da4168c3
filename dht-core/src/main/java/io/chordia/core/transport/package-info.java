/**
 * The transport SPI: datagrams of envelopes ({@code Transport}) and framed streams for bulk data
 * ({@code StreamTransport}), the codec interface, and traffic counters. Implementations: the
 * in-memory network ({@code io.chordia.core.sim}) and Netty ({@code io.chordia.transport}).
 */
package io.chordia.core.transport;
