package io.chordia.core.rpc;

/**
 * Why an RPC failed. Unchecked, and without a stack trace: timeouts are routine in a DHT and a
 * simulation produces millions of them.
 */
public abstract sealed class RpcException extends RuntimeException
        permits RpcTimeoutException, RemoteErrorException, RpcClosedException, RpcOverloadedException,
                UnexpectedResponseException {
    private static final long serialVersionUID = 1L;

    protected RpcException(String message) {
        super(message, null, false, false);
    }
}
