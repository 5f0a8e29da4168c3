package io.chordia.core.net;

/**
 * Canonical dotted-quad IPv4 text ({@code 192.0.2.1}: four decimal parts 0..255, no leading zeros)
 * to 32 bits and back, without touching DNS. Text in any other form is not a literal here.
 */
public final class Ipv4Literal {
    private Ipv4Literal() {}

    /** The address as an unsigned 32-bit value, or -1 if {@code host} is not canonical IPv4. */
    public static long parse(String host) {
        int length = host.length();
        if (length < 7 || length > 15) {
            return -1;
        }
        long value = 0;
        int parts = 0;
        int i = 0;
        while (i <= length) {
            int start = i;
            int part = 0;
            while (i < length && host.charAt(i) != '.') {
                char c = host.charAt(i);
                if (c < '0' || c > '9' || i - start == 3) {
                    return -1;
                }
                part = part * 10 + (c - '0');
                i++;
            }
            int digits = i - start;
            if (digits == 0 || part > 255 || (digits > 1 && host.charAt(start) == '0') || ++parts > 4) {
                return -1;
            }
            value = value << 8 | part;
            i++;
        }
        return parts == 4 ? value : -1;
    }

    public static String format(int address) {
        return new StringBuilder(15)
                .append(address >>> 24).append('.')
                .append(address >>> 16 & 0xFF).append('.')
                .append(address >>> 8 & 0xFF).append('.')
                .append(address & 0xFF)
                .toString();
    }
}
