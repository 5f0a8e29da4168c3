package io.chordia.transport.guard;

import io.chordia.core.message.Envelope;
import io.chordia.core.net.Address;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Replies, and our own requests, waiting for their recipient to be verified. A spoofed source is
 * never verified, so what is held for it only waits here until newer envelopes push it out: a
 * hard cap in all, and a few per address (an honest asker retransmits a handful of times at most
 * before our ping reaches it).
 *
 * <p>Threading: node thread only, except {@link #size()}.
 */
final class HeldEnvelopes {
    static final int PER_ADDRESS = 8;

    private final int capacity;
    /** Insertion-ordered: the address that first had a reply held is the first to lose one. */
    private final LinkedHashMap<Address, ArrayDeque<Envelope>> byAddress = new LinkedHashMap<>();
    private volatile int size;

    HeldEnvelopes(int capacity) {
        this.capacity = capacity;
    }

    void add(Envelope reply) {
        ArrayDeque<Envelope> queue = byAddress.computeIfAbsent(reply.recipient(), a -> new ArrayDeque<>());
        int count = size;
        if (queue.size() >= PER_ADDRESS) {
            queue.pollFirst();
            count--;
        } else if (count >= capacity) {
            Iterator<Map.Entry<Address, ArrayDeque<Envelope>>> eldest = byAddress.entrySet().iterator();
            ArrayDeque<Envelope> oldest = eldest.next().getValue();
            oldest.pollFirst();
            count--;
            if (oldest.isEmpty() && oldest != queue) {
                eldest.remove();
            }
        }
        queue.addLast(reply);
        size = count + 1;
    }

    /** Hands every reply held for {@code address} to {@code send}, oldest first, and forgets them. */
    void release(Address address, Consumer<Envelope> send) {
        ArrayDeque<Envelope> queue = byAddress.remove(address);
        if (queue == null) {
            return;
        }
        size -= queue.size();
        for (Envelope reply : queue) {
            send.accept(reply);
        }
    }

    int size() {
        return size;
    }
}
