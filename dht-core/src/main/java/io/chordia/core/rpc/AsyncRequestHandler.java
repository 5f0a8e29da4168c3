package io.chordia.core.rpc;

import io.chordia.core.message.Request;
import io.chordia.core.message.Response;
import java.util.concurrent.CompletionStage;

/**
 * Answers one request type later, for handlers that must first ask other nodes (a recursive
 * lookup hop). Called on the node thread; the stage must complete on the node thread. A stage
 * failing with {@link RequestRefusedException} answers with that error; any other failure with
 * an internal error.
 */
@FunctionalInterface
public interface AsyncRequestHandler<Q extends Request<R>, R extends Response> {
    CompletionStage<R> handle(Q request, RequestContext context);
}
