package io.chordia.core.rpc;

/** The local table of pending calls is full; the call was not sent. */
public final class RpcOverloadedException extends RpcException {
    private static final long serialVersionUID = 1L;

    public RpcOverloadedException(String message) {
        super(message);
    }
}
