package io.graphraft.reports.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** Links to the HTML flame graphs the profile command left in the run folder. */
final class FlameGraphs implements Section {
    @Override
    public void write(Page page) {
        Path run = page.run().directory();
        List<Path> html;
        try (Stream<Path> files = Files.walk(run)) {
            html = files.filter(f -> f.toString().endsWith(".html")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + run, e);
        }
        if (html.isEmpty()) {
            return;
        }
        page.line("## Flame graphs");
        page.line();
        for (Path file : html) {
            String relative = run.relativize(file).toString();
            page.line("- [" + relative + "](" + relative + ")");
        }
        page.line();
    }
}
