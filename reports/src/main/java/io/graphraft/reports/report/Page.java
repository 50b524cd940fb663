package io.graphraft.reports.report;

import io.graphraft.reports.Charts;
import io.graphraft.reports.RunFolder;
import io.graphraft.reports.runfiles.RunFiles;
import org.jfree.chart.JFreeChart;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The report being written: its run, its markdown, and its charts in {@code charts/}. */
public final class Page {
    private final RunFolder run;
    private final Measures measures;
    private final Path charts;
    private final StringBuilder md = new StringBuilder();

    Page(RunFolder run) {
        this.run = run;
        this.measures = new Measures(run);
        this.charts = run.directory().resolve(RunFiles.CHARTS);
        try {
            Files.createDirectories(charts);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + charts, e);
        }
    }

    public RunFolder run() {
        return run;
    }

    /** Numbers derived from the run that several sections print. */
    public Measures measures() {
        return measures;
    }

    public void line(String text) {
        md.append(text).append('\n');
    }

    public void line() {
        md.append('\n');
    }

    /** Saves {@code chart} as {@code charts/<file>} and links it. */
    public void image(String file, String alt, JFreeChart chart) {
        Charts.save(chart, charts.resolve(file));
        line("![" + alt + "](" + RunFiles.CHARTS + "/" + file + ")");
        line();
    }

    String markdown() {
        return md.toString();
    }
}
