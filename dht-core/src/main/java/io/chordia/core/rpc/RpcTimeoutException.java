package io.chordia.core.rpc;

/** No response arrived within the timeout, after every attempt. */
public final class RpcTimeoutException extends RpcException {
    private static final long serialVersionUID = 1L;

    public RpcTimeoutException(String message) {
        super(message);
    }
}
