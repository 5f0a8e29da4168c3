package io.chordia.core.message;

import io.chordia.core.util.Checks;

/**
 * A BEP 44 {@code put} whose value or salt is over BEP 44's limit, which a {@link PutItem} cannot
 * hold. The wire profile decodes it into this record, keeping only which field is too big and its
 * size, so that the storing node answers it with the error BEP 44 names (VALUE_TOO_BIG, KRPC 205;
 * SALT_TOO_BIG, 207) instead of the put being dropped as malformed; a node that stores no items
 * answers UNSUPPORTED. Nothing of the oversized field is kept: the record is a few bytes whatever
 * was sent.
 *
 * @param violation VALUE_TOO_BIG or SALT_TOO_BIG
 * @param bytes     the size the field had on the wire
 */
public record OversizedPutItem(ErrorCode violation, int bytes) implements Request<Ack> {
    public OversizedPutItem {
        Checks.check(violation == ErrorCode.VALUE_TOO_BIG || violation == ErrorCode.SALT_TOO_BIG,
                "a put is oversized in its value or its salt, not %s", violation);
        Checks.check(bytes >= 0, "a size is not negative, was %s", bytes);
    }

    /** BEP 44's words for the violation, as the error's message. */
    public String detail() {
        return (violation == ErrorCode.VALUE_TOO_BIG ? "message (v field) too big" : "salt field too big")
                + ": " + bytes + " bytes";
    }

    @Override
    public Class<Ack> responseType() {
        return Ack.class;
    }
}
