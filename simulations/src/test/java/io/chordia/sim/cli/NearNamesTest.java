package io.chordia.sim.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class NearNamesTest {
    private static final List<String> OPTIONS = List.of("--json", "--ttl", "--data-dir", "--verbose", "--help");

    @Test
    void swapsAndSmallSlipsFindTheOption() {
        assertThat(NearNames.of("--josn", OPTIONS)).containsExactly("--json");
        assertThat(NearNames.of("--tll", OPTIONS)).containsExactly("--ttl");
        assertThat(NearNames.of("--data-dri", OPTIONS)).containsExactly("--data-dir");
        assertThat(NearNames.of("--verbsoe", OPTIONS)).containsExactly("--verbose");
    }

    @Test
    void somethingElseEntirelyFindsNothing() {
        assertThat(NearNames.of("--bogus", OPTIONS)).isEmpty();
        assertThat(NearNames.of("--x", OPTIONS)).isEmpty();
        assertThat(NearNames.edits("ab", "ba")).isEqualTo(1);
        assertThat(NearNames.edits("json", "josn")).isEqualTo(1);
        assertThat(NearNames.edits("abc", "xyz")).isEqualTo(3);
    }
}
