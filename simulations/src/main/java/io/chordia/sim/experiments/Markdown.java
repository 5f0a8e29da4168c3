package io.chordia.sim.experiments;

import java.util.Locale;

/** A markdown document built line by line, numbers formatted the same way on every machine. */
final class Markdown {
    private final StringBuilder out = new StringBuilder();

    Markdown line(String format, Object... args) {
        out.append(String.format(Locale.ROOT, format, args)).append('\n');
        return this;
    }

    Markdown blank() {
        out.append('\n');
        return this;
    }

    Markdown append(String text) {
        out.append(text);
        return this;
    }

    @Override
    public String toString() {
        return out.toString();
    }
}
