package io.chordia.sim.experiments;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The Kademlia report's rounds section on one small network: rows labelled by mode, the paper's analysis quoted. */
class KademliaPaperReportTest {
    @Test
    void roundsRunThePapersProtocolBesideOursAndFaithfulOnlyDropsOurs() {
        List<String> progress = new ArrayList<>();
        String both = new KademliaPaperReport(3, 1, false).rounds(8, new ReportOutput(null, progress::add));

        assertThat(both).contains("IPTPS'02 §3 (the proof sketch) |").doesNotContain("(not verified)")
                .contains("⌈log n⌉ + c time for some small constant c");
        List<String> rows = rows(both);
        assertThat(rows).hasSize(3);
        assertThat(rows.get(0)).contains("| iterative ").contains("| faithful  |");
        assertThat(rows.get(1)).contains("| iterative ").contains("| improved  |");
        assertThat(rows.get(2)).contains("| recursive ").contains("| improved  |");
        // on a converged network the paper's lookups find the closest node every time
        assertThat(rows.get(0).split("\\|")[3].trim()).isEqualTo("100.0%");
        assertThat(progress).hasSize(2);
        assertThat(progress.get(0)).endsWith("rounds against N: N = 256, faithful");

        String faithful = new KademliaPaperReport(3, 1, true).rounds(8, ReportOutput.NONE);
        assertThat(rows(faithful)).hasSize(1).allMatch(r -> r.contains("| faithful  |"));
        assertThat(faithful).contains("--faithful: faithful rows only");
    }

    private static List<String> rows(String section) {
        return section.lines().filter(l -> l.startsWith("|   256 |")).toList();
    }
}
