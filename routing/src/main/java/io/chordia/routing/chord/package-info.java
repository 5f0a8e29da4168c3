/**
 * Chord with Zave's corrections: successor lists, predecessor, fingers, stabilize/rectify, and
 * iterative and recursive lookups. All state of a node is confined to its node thread.
 */
package io.chordia.routing.chord;
