package io.graphraft.reports.report;

import io.graphraft.reports.RunFolder;

/**
 * A numbered section of report.md: one question the lab answers. {@link ReportWriter} numbers the
 * questions in the order it lists them and prints the heading; the question writes its answer.
 */
public interface Question {
    /** The heading after the number, e.g. {@code Write latency (sequential CreateNode, closed loop)}. */
    String title();

    /** False when the run holds nothing that answers the question (then nothing is printed). */
    boolean answerable(RunFolder run);

    /** Writes the answer below the heading. */
    void answer(Page page);
}
