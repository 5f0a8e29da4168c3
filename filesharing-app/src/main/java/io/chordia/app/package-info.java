/**
 * The chordia application: the command line ({@code cli}), the daemon ({@code node}) and its local
 * {@code control} channel, file sharing ({@code share}). This package holds only what all of them
 * share and depends on none of them.
 */
package io.chordia.app;
