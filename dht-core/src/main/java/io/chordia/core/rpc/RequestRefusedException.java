package io.chordia.core.rpc;

import io.chordia.core.message.ErrorCode;
import io.chordia.core.message.ErrorReply;

/** Thrown by a request handler to answer with an {@link ErrorReply} instead of a response. */
public final class RequestRefusedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final ErrorCode code;

    public RequestRefusedException(ErrorCode code, String detail) {
        super(detail, null, false, false);
        this.code = code;
    }

    public ErrorReply toReply() {
        return ErrorReply.of(code, getMessage());
    }
}
