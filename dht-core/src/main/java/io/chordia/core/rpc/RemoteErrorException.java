package io.chordia.core.rpc;

import io.chordia.core.message.ErrorCode;

/** The peer answered with an {@link io.chordia.core.message.ErrorReply}. */
public final class RemoteErrorException extends RpcException {
    private static final long serialVersionUID = 1L;

    private final ErrorCode code;

    public RemoteErrorException(ErrorCode code, String detail) {
        super(code + ": " + detail);
        this.code = code;
    }

    public ErrorCode code() {
        return code;
    }
}
