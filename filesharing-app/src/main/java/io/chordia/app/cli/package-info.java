/**
 * The {@code chordia} command line (Picocli). Commands hold no protocol defaults of their own:
 * options map onto the config records of the modules below.
 */
package io.chordia.app.cli;
