/**
 * The one place that knows the overlay protocols: per protocol, how to build a node, its replica
 * placement, its status view and its probe. Composition roots go through {@link
 * io.chordia.routing.Protocol#overlay()} instead of naming Chord or Kademlia themselves. The
 * factories hold no state and may be used from any thread; what they build lives on its node thread.
 */
package io.chordia.routing.overlay;
