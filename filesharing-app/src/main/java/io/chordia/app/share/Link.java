package io.chordia.app.share;

import io.chordia.core.util.Checks;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * The one-line handle of a content: {@code chordia:<40 hex digits>?name=<percent-encoded>&size=<bytes>}.
 * Only the content id matters for fetching; name and size say what it is before it arrives and are
 * checked against the manifest.
 */
public record Link(ContentId contentId, String name, long size) {
    public static final String SCHEME = "chordia:";
    private static final int MAX_LENGTH = 2048;

    public Link {
        Checks.notNull(contentId, "contentId");
        SafePaths.checkName(name);
        Checks.inRange(size, 0, ManifestLimits.MAX_TOTAL_BYTES, "size");
    }

    public static Link of(ContentId id, Manifest manifest) {
        return new Link(id, manifest.name(), manifest.totalSize());
    }

    /** Parses a link; throws {@link LinkFormatException} with a message fit for a user. */
    public static Link parse(String text) {
        if (text == null || text.isBlank()) {
            throw new LinkFormatException("the link is empty");
        }
        String s = text.trim();
        if (s.length() > MAX_LENGTH) {
            throw new LinkFormatException("the link is longer than " + MAX_LENGTH + " characters");
        }
        if (!s.regionMatches(true, 0, SCHEME, 0, SCHEME.length())) {
            throw new LinkFormatException("a link starts with '" + SCHEME + "'");
        }
        int query = s.indexOf('?');
        String hex = query < 0 ? s.substring(SCHEME.length()) : s.substring(SCHEME.length(), query);
        if (!hex.matches("[0-9a-fA-F]{40}")) {
            throw new LinkFormatException("the content id must be 40 hex digits, was '" + SafePaths.printable(hex) + "'");
        }
        if (query < 0) {
            throw new LinkFormatException("the link has no '?name=...&size=...' part");
        }
        String name = null;
        Long size = null;
        for (String param : s.substring(query + 1).split("&", -1)) {
            int eq = param.indexOf('=');
            String key = eq < 0 ? param : param.substring(0, eq);
            String value = eq < 0 ? "" : param.substring(eq + 1);
            switch (key) {
                case "name" -> {
                    if (name != null) {
                        throw new LinkFormatException("the link names 'name' twice");
                    }
                    name = decode(value);
                }
                case "size" -> {
                    if (size != null) {
                        throw new LinkFormatException("the link names 'size' twice");
                    }
                    size = parseSize(value);
                }
                default -> { } // unknown parameters are for later versions
            }
        }
        if (name == null || size == null) {
            throw new LinkFormatException("the link needs both name and size");
        }
        try {
            return new Link(ContentId.fromHex(hex.toLowerCase(Locale.ROOT)), name, size);
        } catch (IllegalArgumentException e) {
            throw new LinkFormatException("bad link: " + e.getMessage());
        }
    }

    private static String decode(String value) {
        try {
            return URLDecoder.decode(value, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new LinkFormatException("the name is not properly percent-encoded");
        }
    }

    private static long parseSize(String value) {
        if (!value.matches("[0-9]{1,19}")) {
            throw new LinkFormatException("size must be a number of bytes, was '" + SafePaths.printable(value) + "'");
        }
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new LinkFormatException("size " + value + " is too large");
        }
    }

    @Override
    public String toString() {
        return SCHEME + contentId.toHex() + "?name=" + URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20")
                + "&size=" + size;
    }
}
