package io.chordia.sim.experiments;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Tiny versions of the Chord paper report's sections: the right figures cited, the paper's metric computed. */
class ChordPaperReportTest {
    @Test
    void failuresCiteFigureElevenAndMeasureThePapersMetricBesideOurs() {
        String section = ChordPaperReport.failures(300, 3, ReportOutput.NONE);

        assertThat(section).contains("SIGCOMM'01 §6.4, Fig. 11 (not verified)").contains(PaperComparison.PLOT_ONLY)
                .doesNotContain("Fig. 13").doesNotContain("paper (keys lost)");
        // keys whose owner died: about p, not p copied into the column
        List<String> rows = Arrays.stream(section.split("\n")).filter(l -> l.matches("\\| 0\\.\\d \\|.*")).toList();
        assertThat(rows).hasSize(5);
        for (String row : rows) {
            String[] cells = row.split("\\|");
            double p = Double.parseDouble(cells[1].trim());
            double ownerDied = Double.parseDouble(cells[4].trim().replace("%", "")) / 100;
            assertThat(ownerDied).isBetween(p - 0.12, p + 0.12).isNotEqualTo(p);
        }
    }

    @Test
    void pathLengthSaysThePaperGivesOnlyAPlotShowsProgressAndWritesItsChart(@TempDir Path dir) {
        List<String> progress = new ArrayList<>();
        ReportOutput output = new ReportOutput(dir, progress::add);

        String section = ChordPaperReport.pathLength(6, 7, 1, output);

        assertThat(section).contains("Fig. 10(a) (not verified)").contains("plot only").contains("|    64 | iterative |")
                .contains("|   128 | recursive |").contains("Chart: `path-length.png` and `path-length.svg`");
        assertThat(progress).hasSize(2);
        assertThat(progress.get(0)).endsWith("path length: N = 64");
        assertThat(progress.get(1)).endsWith("path length: N = 128");
        assertThat(output.written()).containsExactly(dir.resolve("path-length.png"), dir.resolve("path-length.svg"));
        assertThat(dir.resolve("path-length.png")).isNotEmptyFile();
        assertThat(dir.resolve("path-length.svg")).content().startsWith("<?xml").contains("<svg");
    }

    @Test
    void keysPerNodeRunsFigureEightBsCase() {
        String section = ChordPaperReport.keysPerNode(200, 100, 1);

        assertThat(section).contains("Figs. 8(a), 8(b) and 9").contains("| 10,000 |                      1 |");
    }

    @Test
    void aComparisonNotCheckedAgainstThePaperSaysSo() {
        assertThat(new PaperComparison("Fig. 1", false, "a", PaperComparison.PLOT_ONLY, "b").markdown())
                .contains("| paper: Fig. 1 (not verified) | a | plot only |");
        assertThat(new PaperComparison("Fig. 1", true, "a", "95%", "b").markdown())
                .contains("| paper: Fig. 1 | a | 95% |").doesNotContain("not verified");
    }
}
