package io.chordia.core.rpc;

import io.chordia.core.message.Request;
import io.chordia.core.message.Response;

/**
 * Answers one request type at once, on the node thread. Throw {@link RequestRefusedException}
 * to answer with an error reply.
 */
@FunctionalInterface
public interface RequestHandler<Q extends Request<R>, R extends Response> {
    R handle(Q request, RequestContext context);
}
