package io.chordia.transport.codec;

import io.chordia.core.transport.DropReason;

/**
 * Input that breaks the wire format, thrown from inside Kryo serializers (which cannot throw
 * checked exceptions) and turned into a {@link io.chordia.core.transport.MalformedMessageException}
 * by the codec. Stackless: hostile peers can make us throw it at line rate.
 */
final class WireFormatException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final DropReason reason;

    WireFormatException(DropReason reason, String message) {
        super(message, null, false, false);
        this.reason = reason;
    }

    static WireFormatException malformed(String message) {
        return new WireFormatException(DropReason.MALFORMED, message);
    }

    DropReason reason() {
        return reason;
    }
}
