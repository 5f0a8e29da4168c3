package io.chordia.app.cli;

import io.chordia.app.UserFacingException;
import io.chordia.app.control.Json;
import io.chordia.app.node.ItemCommands;
import io.chordia.app.node.ItemCommands.GetItemReply;
import io.chordia.app.node.ItemCommands.GetItemRequest;
import io.chordia.app.node.ItemCommands.PutItemReply;
import io.chordia.app.node.ItemCommands.PutItemRequest;
import io.chordia.core.store.Bep44Items;
import io.chordia.core.store.RecordSigner;
import io.chordia.core.util.Bytes;
import java.util.HexFormat;

/**
 * {@code chordia put --immutable VALUE} and {@code put --mutable --key-file FILE [--salt S] [--seq N]
 * VALUE}: the item is signed here, so the key stays with the client. Without {@code --seq} the
 * current item is read first and the put carries its seq + 1 with {@code cas} = its seq, so two
 * writers racing on one key cannot silently overwrite each other (the slower is refused 301).
 */
final class ItemPut {
    private static final HexFormat HEX = HexFormat.of();
    private final PutCommand c;

    ItemPut(PutCommand command) {
        this.c = command;
    }

    int call() throws Exception {
        if (c.immutable == c.mutable) {
            throw new UserFacingException("say which BEP 44 item: --immutable or --mutable", "chordia put --immutable VALUE");
        }
        if (c.value != null) {
            throw new UserFacingException("an item put takes one VALUE, not a KEY and a VALUE",
                    "chordia put --immutable VALUE (the target is the SHA-1 of the value)");
        }
        String text = c.key;
        PutItemRequest request = c.immutable ? immutable(text) : mutable(text);
        PutItemReply reply = c.daemon.call("put-item", request, PutItemReply.class);
        if (c.daemon.json) {
            c.daemon.out().println(Json.pretty(reply));
        }
        if (!"OK".equals(reply.status())) {
            throw new UserFacingException("could not store the item: no node stored it"
                    + (reply.refused().isEmpty() ? "" : " (" + String.join("; ", reply.refused()) + ")"),
                    reply.refused().stream().anyMatch(r -> r.contains("CAS")) ? "someone put a newer item meanwhile: run it again"
                            : "try again; 'chordia status' shows whether the node has contacts");
        }
        if (!c.daemon.json) {
            c.daemon.out().printf("stored%s on %d nodes: %s%n", c.mutable ? " seq " + reply.seq() : "", reply.stored().size(),
                    String.join(", ", reply.stored()));
            if (c.mutable) {
                c.daemon.out().println("public-key " + reply.publicKey());
            }
            c.daemon.out().println(reply.target());
        }
        return 0;
    }

    private PutItemRequest immutable(String text) {
        if (c.keyFile != null || c.salt != null || c.seq != null) {
            throw new UserFacingException("--key-file, --salt and --seq belong to --mutable", "drop them for an immutable item");
        }
        return new PutItemRequest(text, null, null, -1, -1, null);
    }

    private PutItemRequest mutable(String text) throws Exception {
        if (c.keyFile == null) {
            throw new UserFacingException("a mutable item needs --key-file FILE", "a missing FILE is created with a new key");
        }
        RecordSigner signer = ItemKeyFile.loadOrCreate(c.keyFile);
        String publicKey = HEX.formatHex(signer.publicKey().toArray());
        Bytes salt = c.salt == null ? Bytes.EMPTY : Bytes.ofUtf8(c.salt);
        if (salt.length() > Bep44Items.MAX_SALT_BYTES) {
            throw new UserFacingException("the salt is " + salt.length() + " bytes, at most " + Bep44Items.MAX_SALT_BYTES,
                    "give a shorter --salt");
        }
        long seq;
        long cas = -1;
        if (c.seq != null) {
            seq = parseSeq(c.seq);
        } else {
            GetItemReply current = c.daemon.call("get-item", new GetItemRequest(null, publicKey, c.salt), GetItemReply.class);
            if (current.seq() == Long.MAX_VALUE) {
                throw new UserFacingException("the item's seq is already the largest there is", "use another --salt or key");
            }
            seq = "FOUND".equals(current.status()) ? current.seq() + 1 : 1;
            cas = "FOUND".equals(current.status()) ? current.seq() : -1;
        }
        Bytes signature = Bep44Items.sign(signer, salt, seq, ItemCommands.bencodedString(text));
        return new PutItemRequest(text, publicKey, c.salt, seq, cas, HEX.formatHex(signature.toArray()));
    }

    private static long parseSeq(String text) {
        try {
            long seq = Long.parseLong(text);
            if (seq >= 0) {
                return seq;
            }
        } catch (NumberFormatException e) {
            // told below
        }
        throw new UserFacingException("--seq is a whole number from 0 to " + Long.MAX_VALUE + ", was " + text,
                "give another --seq, or none to put one more than the network holds");
    }
}
