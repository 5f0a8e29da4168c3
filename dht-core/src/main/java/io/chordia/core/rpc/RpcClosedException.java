package io.chordia.core.rpc;

/** The local endpoint was closed while the call was pending, or before it was made. */
public final class RpcClosedException extends RpcException {
    private static final long serialVersionUID = 1L;

    public RpcClosedException(String message) {
        super(message);
    }
}
