package io.chordia.sim.experiments;

/**
 * The paper's setup and result beside ours, as a small markdown table at the head of a report
 * section, so a reader never takes a number of ours for the paper's. {@code where} names the exact
 * figure, table or section; {@code verified} says whether the quotation was checked against the
 * paper's text (the report prints "not verified" otherwise); a result the paper gives only as a
 * plot reads "plot only" rather than a number read off it.
 */
record PaperComparison(String where, boolean verified, String paperSetup, String paperResult, String ourSetup) {
    static final String PLOT_ONLY = "plot only";

    String markdown() {
        Markdown md = new Markdown();
        md.line("|       | setup | result |");
        md.line("|-------|-------|--------|");
        md.line("| paper: %s%s | %s | %s |", where, verified ? "" : " (not verified)", paperSetup, paperResult);
        md.line("| ours  | %s | the table below |", ourSetup);
        return md.blank().toString();
    }
}
