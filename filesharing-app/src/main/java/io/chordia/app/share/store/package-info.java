/**
 * Pieces on disk: where each piece's bytes live across a content's files, and the store a fetch
 * writes into, with its resume journal. Positional reads and writes, safe from several threads;
 * the journal is appended under the store's lock.
 */
package io.chordia.app.share.store;
