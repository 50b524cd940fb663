package io.graphraft.reports.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The correctness check of a run made by {@code benchmarks.jar check}: the section the checker wrote as
 * {@value #CHECK_SECTION} (its verdict, the nemesis timeline, operations by outcome, the verdict per register, the
 * set of created nodes, and each anomaly with the events around it), taken as it is so that the check's results are
 * rendered in one place (io.graphraft.checker.run.CheckReport).
 */
final class Correctness implements Section {
    /** The file name io.graphraft.checker.run.CheckReport#MARKDOWN writes (this module does not depend on the checker). */
    static final String CHECK_SECTION = "check.md";

    @Override
    public void write(Page page) {
        Path section = page.run().directory().resolve(CHECK_SECTION);
        if (!Files.isRegularFile(section)) {
            return;
        }
        try {
            page.line(Files.readString(section, StandardCharsets.UTF_8).stripTrailing());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + section, e);
        }
        page.line();
    }
}
