/** Addresses and contacts: plain validated values, no name resolution and no I/O. */
package io.chordia.core.net;
