/**
 * Attackers for scenarios: nodes that run the real routing code but serve storage dishonestly.
 * Control thread and node threads as for any scenario node.
 */
package io.chordia.sim.attack;
