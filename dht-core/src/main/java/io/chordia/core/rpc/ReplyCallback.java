package io.chordia.core.rpc;

import io.chordia.core.message.Response;

/** The outcome of one call, told once on the node thread: a reply, or why there is none. */
@FunctionalInterface
public interface ReplyCallback<R extends Response> {
    /** Exactly one of {@code reply} and {@code failure} is not null. */
    void done(Reply<R> reply, RpcException failure);
}
