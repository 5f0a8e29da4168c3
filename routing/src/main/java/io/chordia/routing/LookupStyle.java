package io.chordia.routing;

/** How a lookup travels. */
public enum LookupStyle {
    /** The origin asks every hop itself and learns the path; it can route around a dead hop. */
    ITERATIVE,
    /** Each hop forwards the query; the last one answers the origin directly. Fewer messages, less control. */
    RECURSIVE
}
