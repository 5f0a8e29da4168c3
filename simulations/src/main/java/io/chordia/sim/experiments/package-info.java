/** Experiments that reproduce published results; each is a main class that prints a table. Single-threaded (virtual time). */
package io.chordia.sim.experiments;
