package io.chordia.app.lab;

import java.util.List;

/**
 * One host of the lab: a network namespace with one interface, address 10.77.N.2, whose default
 * route leads to the router namespace (and so through the relay).
 *
 * @param number    1..254, the third octet of its address and its name in relay commands
 * @param namespace the network namespace's name
 */
public record LabHost(int number, String namespace) {
    public String address() {
        return "10.77." + number + ".2";
    }

    /** The prefix that runs a command on this host. */
    public List<String> launcher() {
        return List.of("ip", "netns", "exec", namespace);
    }

    @Override
    public String toString() {
        return "h" + number + " (" + address() + ")";
    }
}
