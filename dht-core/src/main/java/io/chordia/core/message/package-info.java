/**
 * The message model: one sealed hierarchy of validated, immutable records. A new message is a
 * record here, an entry in a permits clause, and a wire id in the transport's registry; tests fail
 * until it has a wire id, a golden fixture and (where it is a request) a handler.
 */
package io.chordia.core.message;
