package io.chordia.core.net;

import io.chordia.core.util.Checks;
import java.util.List;

/**
 * The address a node gives peers, and why, decided at start in this order:
 * <ol>
 *   <li>{@code --advertise}, as given (port forwarding, a NAT the user knows about);
 *   <li>else the address it binds, when that is one address and not the wildcard;
 *   <li>else where its bootstrap nodes see it, when enough of them agree
 *       ({@link #correctedBy}: that is how a node behind NAT learns its outside address);
 *   <li>else a local guess: the interface that routes to the first bootstrap node, else the first
 *       non-loopback interface, else 127.0.0.1.
 * </ol>
 * A node never advertises the wildcard, and a loopback or link-local address (guessed, or seen by a
 * bootstrap node on this machine) only when nothing else is known: a node bound to every interface
 * is reachable on its interface address by local peers too, while a loopback contact in a leaf set
 * is useless to every peer on another host. Only an address from (3) or (4) is corrected later by
 * what the node's peers see ({@link #learnsFromPeers}); one the user chose stays.
 *
 * @param address         what the node advertises
 * @param reason          where it came from, for the log
 * @param learnsFromPeers whether peers may correct it while the node runs
 */
public record AdvertisedAddress(Address address, String reason, boolean learnsFromPeers) {
    public AdvertisedAddress {
        Checks.notNull(address, "address");
        Checks.notNull(reason, "reason");
        Checks.check(HostKind.of(address) != HostKind.UNSPECIFIED, "a node never advertises %s", address);
    }

    /**
     * The address before any peer was asked.
     *
     * @param advertise what {@code --advertise} said (an IP literal), or null
     * @param bound     the address the node's socket is bound to (its port is the node's)
     * @param guesses   local guesses, best first (the route to the first bootstrap node, the first
     *                  non-loopback interface, ...); IP literals
     * @throws IllegalArgumentException when {@code advertise} is the wildcard
     */
    public static AdvertisedAddress chosen(Address advertise, Address bound, List<String> guesses) {
        Checks.notNull(bound, "bound");
        if (advertise != null) {
            Checks.check(HostKind.of(advertise) != HostKind.UNSPECIFIED,
                    "--advertise %s is the wildcard: give the address peers reach this node at", advertise);
            return new AdvertisedAddress(advertise, "--advertise", false);
        }
        if (HostKind.of(bound) != HostKind.UNSPECIFIED) {
            return new AdvertisedAddress(bound, "the address it binds", false);
        }
        String fallback = null;
        for (String guess : guesses) {
            HostKind kind = HostKind.of(guess);
            if (kind == HostKind.IP) {
                return new AdvertisedAddress(new Address(guess, bound.port()), "a guess from this machine's interfaces",
                        true);
            }
            if (fallback == null && (kind == HostKind.LOOPBACK || kind == HostKind.LINK_LOCAL)) {
                fallback = guess;
            }
        }
        return new AdvertisedAddress(new Address(fallback == null ? "127.0.0.1" : fallback, bound.port()),
                "no other address of this machine is known", true);
    }

    /**
     * This choice, or the address {@code agreed} by {@code reporters} peers when it may replace it:
     * only a guess is replaced, and never by an address fewer peers can reach ({@link #mayReplace}).
     */
    public AdvertisedAddress correctedBy(Address agreed, int reporters) {
        if (agreed == null || !learnsFromPeers || !mayReplace(address, agreed)) {
            return this;
        }
        return new AdvertisedAddress(agreed, reporters + (reporters == 1 ? " bootstrap node sees" : " bootstrap nodes see")
                + " it there", true);
    }

    /**
     * Whether peers' {@code agreed} address may replace {@code current}: not when it is the same,
     * and never by one fewer peers can reach (a loopback or link-local address for a routable one).
     */
    public static boolean mayReplace(Address current, Address agreed) {
        HostKind kind = HostKind.of(agreed);
        if (agreed.equals(current) || kind == HostKind.UNSPECIFIED || kind == HostKind.NAME) {
            return false;
        }
        return kind == HostKind.IP || HostKind.of(current) != HostKind.IP;
    }
}
