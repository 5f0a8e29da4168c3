package io.chordia.app.cli;

import picocli.CommandLine.IVersionProvider;

/** The version from the jar manifest (Maven's project version), or "development" when run from classes. */
final class VersionProvider implements IVersionProvider {
    @Override
    public String[] getVersion() {
        String v = ChordiaCommand.class.getPackage().getImplementationVersion();
        return new String[] {"chordia " + (v == null ? "development build" : v),
                "Java " + System.getProperty("java.version")};
    }
}
