package io.chordia.app.cli;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/** What each test driving real chordia processes starts from: a scratch directory, and processes killed after it. */
abstract class ProcessesFixture {
    @TempDir
    Path work;

    ChordiaProcesses cli;

    @BeforeEach
    void processes() {
        cli = new ChordiaProcesses(work);
    }

    @AfterEach
    void killAll() {
        cli.close();
    }
}
