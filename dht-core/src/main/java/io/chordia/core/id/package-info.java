/** The 160-bit identifier space: ids, ring and XOR arithmetic. Immutable values, any thread. */
package io.chordia.core.id;
