/**
 * Scenarios: one configuration, one run, one {@link io.chordia.sim.scenario.Summary}. A run drives
 * its substrate from the calling thread; scenario events run on the substrate's control thread.
 */
package io.chordia.sim.scenario;
