package io.chordia.core.message;

/** "Received": the answer to requests whose only result is that they arrived. */
public record Ack() implements Response {}
