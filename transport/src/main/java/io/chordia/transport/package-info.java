/**
 * Transport's entry points for the composition roots: which codec a wire profile means. Stateless.
 */
package io.chordia.transport;
