/** Seeded randomness, split by concern from one master seed. */
package io.chordia.core.random;
