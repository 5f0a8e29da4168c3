package io.chordia.core.rpc;

import io.chordia.core.message.Response;
import io.chordia.core.net.Contact;

/**
 * A successful response with what the caller may want to learn from it.
 *
 * @param body      the response
 * @param responder the node that answered, as it presents itself
 * @param rttNanos  from the last send to the response, on the node's clock
 * @param attempts  sends it took
 */
public record Reply<R extends Response>(R body, Contact responder, long rttNanos, int attempts) {}
