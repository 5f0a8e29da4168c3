package io.chordia.app.node;

import io.chordia.core.id.NodeId;
import io.chordia.core.net.Address;
import io.chordia.core.net.Contact;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * The contacts a node knew when it last saved, one {@code <40-hex id> <host:port>} per line: the
 * way back into the network after a restart when the bootstrap nodes are gone. Unreadable lines
 * are skipped (a hand-edited file must not stop the node), and at most {@link #MAX} are kept.
 */
public final class SavedContacts {
    public static final int MAX = 256;
    private static final Logger LOG = LogManager.getLogger();

    private SavedContacts() {}

    public static List<Contact> load(Path file) throws IOException {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return List.of();
        }
        List<Contact> out = new ArrayList<>();
        int skipped = 0;
        for (String line : lines) {
            String[] parts = line.strip().split("\\s+");
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            try {
                if (parts.length != 2) {
                    throw new IllegalArgumentException("expected '<id> <host:port>'");
                }
                if (out.size() < MAX) {
                    out.add(new Contact(NodeId.fromHex(parts[0]), Address.parse(parts[1])));
                }
            } catch (IllegalArgumentException e) {
                skipped++;
            }
        }
        if (skipped > 0) {
            LOG.warn("skipped {} unreadable lines of {}", skipped, file);
        }
        return List.copyOf(new LinkedHashSet<>(out));
    }

    /** Replaces the file with {@code contacts} (the first {@link #MAX}). */
    public static void save(Path file, List<Contact> contacts) throws IOException {
        StringBuilder text = new StringBuilder("# contacts of this node, nearest first; read at start to rejoin\n");
        contacts.stream().distinct().limit(MAX)
                .forEach(c -> text.append(c.id().toHex()).append(' ').append(c.address()).append('\n'));
        DataDir.writeAtomically(file, text.toString());
    }
}
