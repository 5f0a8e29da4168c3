package io.chordia.core.message;

import io.chordia.core.util.Checks;

/**
 * A query for a method this node's wire profile does not map (KRPC names methods by string, and
 * other nodes invent new ones). No node handles it, so the RPC layer answers it with an
 * {@link ErrorReply} UNSUPPORTED (KRPC error 204), as BEP 5 asks, instead of dropping it silently.
 */
public record UnknownQuery(String method) implements Request<ErrorReply> {
    public static final int MAX_METHOD_CHARS = 64;

    public UnknownQuery {
        Checks.notNull(method, "method");
        Checks.check(method.length() <= MAX_METHOD_CHARS, "a method name is at most %s characters, got %s",
                MAX_METHOD_CHARS, method.length());
        // One char per wire byte (ISO-8859-1), so any method name a peer sends round-trips exactly.
        for (int i = 0; i < method.length(); i++) {
            Checks.check(method.charAt(i) <= 0xff, "a method name is bytes, char %s is not", i);
        }
    }

    @Override
    public Class<ErrorReply> responseType() {
        return ErrorReply.class;
    }
}
