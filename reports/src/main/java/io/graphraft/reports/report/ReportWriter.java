package io.graphraft.reports.report;

import io.graphraft.reports.RunFolder;
import io.graphraft.reports.runfiles.RunFiles;
import io.graphraft.reports.runfiles.SpreadSummary;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Turns a run folder into {@code report.md} with PNG charts in {@code charts/} (and {@code report.html},
 * {@code spread.json}): the environment, a
 * headline per engine, the seed's latency breakdown measured by difference, then one numbered
 * section per question, in the order listed here. A new question is one class and one line in
 * {@link #QUESTIONS}. Measured figures carry their spread (JMH's score error, or the range of a
 * percentile over the measured iterations); derived ones say what they are derived from.
 */
public final class ReportWriter {
    /** The questions the lab answers, numbered 1, 2, ... in this order. */
    static final List<Question> QUESTIONS = List.of(
            new WriteLatency(),
            new Batching(),
            new FsyncCost(),
            new SnapshotRecovery(),
            new Election(),
            new OpenLoop(),
            new AcrossZones(),
            new ClientBatching(),
            new Reads());

    static final List<Section> SECTIONS = List.of(
            new EnvironmentHeader(),
            new Correctness(),
            new Headline(),
            new SeedBreakdown(),
            ReportWriter::questions,
            new StateMachineAlone(),
            new FlameGraphs());

    private ReportWriter() {
    }

    /**
     * Writes report.md and charts/*.png into the run folder, report.html beside them ({@link HtmlReport}),
     * and spread.json (the per-iteration spread compare needs when the .hlog files are not kept);
     * returns report.md's path.
     */
    public static Path write(RunFolder run) {
        Page page = new Page(run);
        SECTIONS.forEach(section -> section.write(page));
        Path report = run.directory().resolve(RunFiles.REPORT);
        try {
            Files.writeString(report, page.markdown());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + report, e);
        }
        SpreadSummary spread = run.spreadSummary();
        if (!spread.trials().isEmpty()) {
            spread.write(run.directory());
        }
        HtmlReport.write(run, page.markdown());
        return report;
    }

    private static void questions(Page page) {
        for (int i = 0; i < QUESTIONS.size(); i++) {
            Question question = QUESTIONS.get(i);
            if (question.answerable(page.run())) {
                page.line("## " + (i + 1) + ". " + question.title());
                page.line();
                question.answer(page);
            }
        }
    }
}
