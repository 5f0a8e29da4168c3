package io.chordia.core.message;

/**
 * Every RPC message: immutable records whose constructors validate, so a message that exists is
 * valid and decoding is validation. Addressing and transaction ids live on the {@link Envelope}.
 */
public sealed interface Message permits Request, Response {}
