package io.chordia.core.message;

/**
 * A request, typed by the response it expects. Any request may instead be answered by an
 * {@link ErrorReply}.
 *
 * @param <R> the response type
 */
public sealed interface Request<R extends Response> extends Message permits Ping, FindNode,
        GetNeighbors, Notify, FindSuccessor, RouteLookup, LookupDone, Leaving, StoreRecord, FetchRecord, CheckRecord,
        CompareRange, RecursiveFindNode, RecursiveFindNodeDone, GetPeers, AnnouncePeer, UnknownQuery, GetItem, PutItem,
        OversizedPutItem {
    Class<R> responseType();
}
