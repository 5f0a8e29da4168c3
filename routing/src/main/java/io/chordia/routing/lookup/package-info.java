/** Lookup engines. Each lookup runs on its node's thread and completes its future there. */
package io.chordia.routing.lookup;
