package io.graphraft.reports.report;

/** One part of report.md; it writes nothing when the run lacks what it needs. */
public interface Section {
    void write(Page page);
}
