/**
 * Time and execution as injected services: {@code Clock} and {@code Scheduler}. Protocol code
 * never reads the wall clock or sleeps; it asks these, so it runs the same in virtual time.
 */
package io.chordia.core.time;
