package io.chordia.app.node;

import static org.assertj.core.api.Assertions.assertThat;

import io.chordia.app.node.NodeStory.StorageCounts;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What the node's log says, and how often, as its leaf set and storage counters move. */
class NodeStoryTest {
    private static final long SECOND = 1_000_000_000L;
    private final List<String> told = new ArrayList<>();
    private List<String> leafSet = List.of("a@1", "b@2");
    private StorageCounts counts = new StorageCounts(0, 0, 0, 0, 0, 0, 0, 0, 0);
    private final NodeStory story = new NodeStory(() -> leafSet, () -> counts, told::add);

    @Test
    void theLeafSetIsToldAtOnceThenOnChangeAtMostOnceAMinuteWithWhoCameAndWent() {
        story.observe(0);
        assertThat(told).containsExactly("leaf set: 2 nodes a@1 b@2");

        leafSet = List.of("a@1", "c@3");
        story.observe(10 * SECOND);
        assertThat(told).as("not a minute yet").hasSize(1);
        story.observe(60 * SECOND);
        assertThat(told).last().isEqualTo("leaf set now 2 nodes a@1 c@3 (joined: [c@3]; gone: [b@2])");

        story.observe(200 * SECOND);
        assertThat(told).as("no change, nothing told").hasSize(2);
        leafSet = null;
        story.observe(300 * SECOND);
        assertThat(told).as("not readable this time: nothing told").hasSize(2);
        leafSet = List.of();
        story.observe(201 * SECOND);
        assertThat(told).last().isEqualTo("leaf set now empty (alone) (joined: []; gone: [a@1, c@3])");
    }

    @Test
    void storageIsSummarisedOnceAMinuteOnlyWhenSomethingHappened() {
        story.observe(0);
        told.clear();
        story.observe(61 * SECOND);
        assertThat(told).as("nothing happened").isEmpty();

        counts = new StorageCounts(5, 1, 1, 0, 2, 0, 3, 1, 0);
        story.observe(90 * SECOND);
        assertThat(told).as("not a minute since the last summary").isEmpty();
        story.observe(125 * SECOND);
        assertThat(told).containsExactly("in the last 64 s: 5 stores taken, 1 refused; 1 repair, 0 hand-offs; "
                + "puts 2 ok, 0 failed; gets 3 found, 1 not found, 0 failed");
    }
}
