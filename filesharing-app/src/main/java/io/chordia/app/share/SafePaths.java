package io.chordia.app.share;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * The rules that keep a manifest's paths inside the output directory, on every platform: relative,
 * '/'-separated, no empty, "." or ".." segment, no backslash, colon (drive letters, NTFS streams),
 * NUL or control character, bounded lengths and depth. Writing refuses to pass through a symbolic
 * link, so a link planted in the output directory cannot redirect a write elsewhere.
 */
public final class SafePaths {
    private SafePaths() {}

    /** Checks a relative '/'-separated path; throws {@link InvalidManifestException} saying what is wrong. */
    public static void checkRelative(String path) {
        if (path == null || path.isEmpty()) {
            throw new InvalidManifestException("a file path is empty");
        }
        if (path.getBytes(StandardCharsets.UTF_8).length > ManifestLimits.MAX_PATH_BYTES) {
            throw new InvalidManifestException("path is longer than " + ManifestLimits.MAX_PATH_BYTES + " bytes");
        }
        if (path.startsWith("/")) {
            throw new InvalidManifestException("absolute path '" + printable(path) + "' refused");
        }
        String[] segments = path.split("/", -1);
        if (segments.length > ManifestLimits.MAX_DEPTH) {
            throw new InvalidManifestException("path '" + printable(path) + "' is deeper than " + ManifestLimits.MAX_DEPTH);
        }
        for (String segment : segments) {
            checkSegment(segment, path);
        }
    }

    /** Checks one name (a content's name, or one segment of a path). */
    public static void checkName(String name) {
        checkSegment(name, name);
    }

    private static void checkSegment(String segment, String path) {
        String where = "path '" + printable(path) + "'";
        if (segment == null || segment.isEmpty()) {
            throw new InvalidManifestException(where + " has an empty segment");
        }
        if (segment.equals(".") || segment.equals("..")) {
            throw new InvalidManifestException(where + " has a '" + segment + "' segment: it could escape the output directory");
        }
        if (segment.getBytes(StandardCharsets.UTF_8).length > ManifestLimits.MAX_SEGMENT_BYTES) {
            throw new InvalidManifestException(where + " has a segment longer than " + ManifestLimits.MAX_SEGMENT_BYTES + " bytes");
        }
        for (int i = 0; i < segment.length(); i++) {
            char c = segment.charAt(i);
            if (c == 0) {
                throw new InvalidManifestException(where + " contains a NUL character");
            }
            if (c < 0x20 || c == 0x7f) {
                throw new InvalidManifestException(where + " contains a control character");
            }
            if (c == '\\') {
                throw new InvalidManifestException(where + " contains a backslash");
            }
            if (c == ':') {
                throw new InvalidManifestException(where + " contains ':' (a drive letter or stream name)");
            }
            if (c == '/') {
                throw new InvalidManifestException(where + " contains '/' in a name");
            }
        }
    }

    /**
     * Resolves {@code relative} (already checked) under {@code root}, creating missing parent
     * directories, and refuses if {@code root}'s contents on the way, or the target itself, is a
     * symbolic link. {@code root} itself is the user's choice and may be a link.
     */
    public static Path resolveForWriting(Path root, String relative) throws IOException {
        checkRelative(relative);
        Path current = root;
        String[] segments = relative.split("/");
        for (int i = 0; i < segments.length; i++) {
            current = current.resolve(segments[i]);
            BasicFileAttributes attrs = attributesOrNull(current);
            if (attrs != null && attrs.isSymbolicLink()) {
                throw new InvalidManifestException("refusing to write through the symbolic link " + current);
            }
            boolean last = i == segments.length - 1;
            if (!last) {
                if (attrs == null) {
                    Files.createDirectory(current);
                } else if (!attrs.isDirectory()) {
                    throw new InvalidManifestException(current + " is in the way: it should be a directory");
                }
            } else if (attrs != null && !attrs.isRegularFile()) {
                throw new InvalidManifestException(current + " is in the way: it should be a regular file");
            }
        }
        if (!current.normalize().startsWith(root.normalize())) {
            throw new InvalidManifestException("path '" + printable(relative) + "' escapes the output directory");
        }
        return current;
    }

    private static BasicFileAttributes attributesOrNull(Path p) throws IOException {
        try {
            return Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (java.nio.file.NoSuchFileException e) {
            return null;
        }
    }

    /** The path as it may be shown in one line of an error: control characters escaped, bounded. */
    static String printable(String s) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < s.length() && b.length() < 120; i++) {
            char c = s.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                b.append(String.format(java.util.Locale.ROOT, "\\x%02x", (int) c));
            } else {
                b.append(c);
            }
        }
        return s.length() > 120 ? b + "..." : b.toString();
    }
}
