package io.chordia.sim.cli;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;

/**
 * The names a mistyped one was probably meant to be: at most two edits away (an insertion, a
 * deletion, a substitution, or two neighbours swapped). Picocli's own suggestions compare
 * prefixes and letter pairs, and miss swaps such as {@code --josn} for {@code --json}.
 */
final class NearNames {
    private static final int MAX_EDITS = 2;

    private NearNames() {}

    /** The names within {@link #MAX_EDITS} edits of {@code typed} (and under a third of its length), nearest first. */
    static List<String> of(String typed, Collection<String> names) {
        int max = Math.min(MAX_EDITS, Math.max(1, typed.length() / 3));
        List<String> near = new ArrayList<>();
        for (String name : names) {
            if (!name.equals(typed) && edits(typed, name) <= max) {
                near.add(name);
            }
        }
        near.sort(Comparator.comparingInt((String n) -> edits(typed, n)).thenComparing(Comparator.naturalOrder()));
        return near;
    }

    /** Optimal string alignment distance: Levenshtein plus the swap of two neighbouring characters. */
    static int edits(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}
