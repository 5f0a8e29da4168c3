package io.chordia.transport.krpc;

import io.chordia.core.message.ErrorCode;

/**
 * KRPC error numbers (BEP 5: 201 generic, 202 server, 203 protocol, 204 method unknown; BEP 44:
 * 205 message too big, 206 invalid signature, 207 salt too big, 301 CAS mismatch, 302 sequence
 * number less than current) and our {@link ErrorCode}s. KRPC has fewer numbers, so some of ours
 * share one and come back as its first reading: OVERLOADED and QUOTA_EXCEEDED as INTERNAL (202),
 * BAD_TOKEN and KEY_MISMATCH as BAD_REQUEST (203, libtorrent's number for a bad token), CONFLICT as
 * STALE (302). BEP 44's 205 and 207 are VALUE_TOO_BIG and SALT_TOO_BIG both ways. The detail text
 * travels unchanged.
 */
final class KrpcErrorCodes {
    static final int GENERIC = 201;
    static final int SERVER = 202;
    static final int PROTOCOL = 203;
    static final int METHOD_UNKNOWN = 204;
    static final int MESSAGE_TOO_BIG = 205;
    static final int INVALID_SIGNATURE = 206;
    static final int SALT_TOO_BIG = 207;
    static final int CAS_MISMATCH = 301;
    static final int SEQUENCE_TOO_LOW = 302;

    private KrpcErrorCodes() {}

    static int toKrpc(ErrorCode code) {
        switch (code) {
            case UNSUPPORTED:
                return METHOD_UNKNOWN;
            case BAD_REQUEST:
            case BAD_TOKEN:
            case KEY_MISMATCH:
                return PROTOCOL;
            case OVERLOADED:
            case INTERNAL:
            case QUOTA_EXCEEDED:
                return SERVER;
            case BAD_SIGNATURE:
                return INVALID_SIGNATURE;
            case STALE:
            case CONFLICT:
                return SEQUENCE_TOO_LOW;
            case CAS_FAILED:
                return CAS_MISMATCH;
            case VALUE_TOO_BIG:
                return MESSAGE_TOO_BIG;
            case SALT_TOO_BIG:
                return SALT_TOO_BIG;
            case REFUSED:
            default:
                return GENERIC;
        }
    }

    /** Our reading of a KRPC error number; numbers no BEP defines read as generic (REFUSED). */
    static ErrorCode fromKrpc(long number) {
        if (number == METHOD_UNKNOWN) {
            return ErrorCode.UNSUPPORTED;
        } else if (number == PROTOCOL) {
            return ErrorCode.BAD_REQUEST;
        } else if (number == MESSAGE_TOO_BIG) {
            return ErrorCode.VALUE_TOO_BIG;
        } else if (number == SALT_TOO_BIG) {
            return ErrorCode.SALT_TOO_BIG;
        } else if (number == SERVER) {
            return ErrorCode.INTERNAL;
        } else if (number == INVALID_SIGNATURE) {
            return ErrorCode.BAD_SIGNATURE;
        } else if (number == SEQUENCE_TOO_LOW) {
            return ErrorCode.STALE;
        } else if (number == CAS_MISMATCH) {
            return ErrorCode.CAS_FAILED;
        }
        return ErrorCode.REFUSED;
    }
}
