package io.chordia.core.rpc;

/**
 * A response of the wrong type, or from a node with another id than the one asked. A contact
 * that answers with a different id is not the node we thought it was.
 */
public final class UnexpectedResponseException extends RpcException {
    private static final long serialVersionUID = 1L;

    public UnexpectedResponseException(String message) {
        super(message);
    }
}
