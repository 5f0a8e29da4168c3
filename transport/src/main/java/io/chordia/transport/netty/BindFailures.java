package io.chordia.transport.netty;

import java.io.IOException;
import java.net.BindException;

/** Turns a failed bind into an exception a person can act on. */
final class BindFailures {
    private BindFailures() {}

    static IOException translate(String protocol, String host, int port, Throwable cause) {
        String text = String.valueOf(cause.getMessage());
        IOException out;
        if (cause instanceof BindException || text.contains("in use")) {
            // Epoll reports EADDRINUSE as a plain NativeIoException, NIO as a BindException.
            out = new BindException(protocol + " port " + port + " is in use on " + host + ": pick another port");
        } else if (text.contains("not available") || text.contains("assign requested address")) {
            out = new BindException("cannot bind " + protocol + " to " + host + ":" + port
                    + ": no such local address; pick another bind host");
        } else {
            out = new IOException("cannot bind " + protocol + " to " + host + ":" + port + ": " + text);
        }
        out.initCause(cause);
        return out;
    }
}
