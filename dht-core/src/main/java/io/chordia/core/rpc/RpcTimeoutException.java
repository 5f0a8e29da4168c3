package io.chordia.core.rpc;

import java.util.function.Supplier;

/** No response arrived within the timeout, after every attempt. */
public final class RpcTimeoutException extends RpcException {
    private static final long serialVersionUID = 1L;

    /** Builds the message when someone reads it: a churning simulation times out millions of calls and reads few. */
    private transient Supplier<String> describe;
    private String message;

    public RpcTimeoutException(String message) {
        super(message);
        this.message = message;
    }

    /** A timeout whose message is built from {@code describe} only if it is ever read. */
    public RpcTimeoutException(Supplier<String> describe) {
        super(null);
        this.describe = describe;
    }

    @Override
    public String getMessage() {
        if (message == null && describe != null) {
            message = describe.get();
            describe = null;
        }
        return message;
    }

    private void writeObject(java.io.ObjectOutputStream out) throws java.io.IOException {
        getMessage();
        out.defaultWriteObject();
    }
}
