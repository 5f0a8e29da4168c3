package io.chordia.app.node;

import io.chordia.app.UserFacingException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * The files of one node: identity, records, saved contacts, the control channel's port and
 * secret, logs. Secrets are written owner-only, and every file is replaced atomically (written
 * beside, then renamed), so a crash leaves the old or the new file, never half of one.
 */
public record DataDir(Path root) {
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");
    private static final Set<PosixFilePermission> OWNER_ONLY_DIR = PosixFilePermissions.fromString("rwx------");

    public DataDir {
        root = root.toAbsolutePath().normalize();
    }

    /** {@code ~/.chordia}. */
    public static Path defaultRoot() {
        return Path.of(System.getProperty("user.home"), ".chordia");
    }

    public Path identityFile() {
        return root.resolve("identity.key");
    }

    public Path recordsFile() {
        return root.resolve("records.mv");
    }

    public Path contactsFile() {
        return root.resolve("contacts.txt");
    }

    public Path controlPortFile() {
        return root.resolve("control.port");
    }

    public Path controlSecretFile() {
        return root.resolve("control.secret");
    }

    /** What this node serves (shared or fetched), so a restart serves it again. */
    public Path sharesFile() {
        return root.resolve("shares.txt");
    }

    /** The fetches started and not finished, so a restart lists them as paused. */
    public Path fetchesFile() {
        return root.resolve("fetches.json");
    }

    public Path logDir() {
        return root.resolve("logs");
    }

    /** Creates the directory (owner-only) if needed and checks that we can write in it. */
    public void prepare() {
        try {
            if (!Files.isDirectory(root)) {
                Files.createDirectories(root);
                if (posix()) {
                    Files.setPosixFilePermissions(root, OWNER_ONLY_DIR);
                }
            }
            Path probe = Files.createTempFile(root, ".write-check", ".tmp");
            Files.delete(probe);
        } catch (IOException e) {
            throw notWritable(e);
        }
    }

    private UserFacingException notWritable(IOException e) {
        String why = e instanceof FileSystemException fse && fse.getReason() != null ? fse.getReason() : e.getClass().getSimpleName();
        return new UserFacingException("the data directory " + root + " is not writable (" + why + ")",
                "pick another with --data-dir, or give your user write permission on it", e);
    }

    /** Replaces {@code file} with {@code text}, readable and writable by the owner only. */
    public static void writeOwnerOnly(Path file, String text) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.deleteIfExists(tmp);
        if (posix(file.getParent())) {
            Files.createFile(tmp, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
        }
        Files.writeString(tmp, text, StandardCharsets.UTF_8);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** Replaces {@code file} with {@code text} atomically, with the default permissions. */
    public static void writeAtomically(Path file, String text) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(tmp, text, StandardCharsets.UTF_8);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private boolean posix() {
        return posix(root);
    }

    private static boolean posix(Path dir) {
        return dir.getFileSystem().supportedFileAttributeViews().contains("posix");
    }
}
