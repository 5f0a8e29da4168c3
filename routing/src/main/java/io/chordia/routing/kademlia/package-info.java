/**
 * Kademlia: k-buckets with replacement caches, α-parallel iterative lookups (optionally over d
 * disjoint paths), recursive lookups answered straight to the origin, and a leaf set. Everything
 * of one node runs on its node thread; public entry points hop onto it.
 */
package io.chordia.routing.kademlia;
