package io.chordia.core.message;

import io.chordia.core.util.Checks;

/** A refusal of any request, with a short human-readable detail. */
public record ErrorReply(ErrorCode code, String detail) implements Response {
    public ErrorReply {
        Checks.notNull(code, "code");
        Checks.notNull(detail, "detail");
        Checks.check(detail.length() <= MessageLimits.MAX_DETAIL_CHARS,
                "detail is at most %s characters, got %s", MessageLimits.MAX_DETAIL_CHARS, detail.length());
    }

    /** Truncates {@code detail} to fit, for replies built from exception messages. */
    public static ErrorReply of(ErrorCode code, String detail) {
        String d = detail == null ? "" : detail;
        return new ErrorReply(code, d.length() <= MessageLimits.MAX_DETAIL_CHARS
                ? d : d.substring(0, MessageLimits.MAX_DETAIL_CHARS));
    }
}
