package io.chordia.core.message;

/** A response: it travels with the transaction id of the request it answers. */
public sealed interface Response extends Message permits Pong, Nodes, ErrorReply,
        Ack, Neighbors, NextHop, RecordReply, RecordCheck, RangeDigests, Peers, Item {}
