/** Churn: how long simulated nodes stay up. Pure functions of a random stream; no state. */
package io.chordia.sim.churn;
