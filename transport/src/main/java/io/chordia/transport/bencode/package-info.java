/**
 * Bencode (BEP 3) for the KRPC wire: an immutable value model, a canonical encoder and a bounded,
 * strict decoder whose every limit is checked before anything is allocated. Stateless and free of
 * time, threads and randomness: a decoder may be shared by any number of threads. Decoding never
 * throws anything but {@link io.chordia.transport.bencode.BencodeException}.
 */
package io.chordia.transport.bencode;
