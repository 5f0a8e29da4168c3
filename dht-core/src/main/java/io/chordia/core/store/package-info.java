/**
 * Records a DHT stores (immutable, signed, plain), the rules that decide whether a new record
 * replaces a stored one, and the local {@code RecordStore}. Values only; no I/O besides what a
 * store implementation does. Node-thread confined unless an implementation says otherwise.
 */
package io.chordia.core.store;
