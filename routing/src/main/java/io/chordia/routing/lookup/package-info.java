/** What lookups return, whichever protocol ran them. */
package io.chordia.routing.lookup;
