package io.graphraft.checker.report;

import io.graphraft.checker.Anomaly;
import io.graphraft.checker.history.Excerpt;

import java.util.Objects;

/** An anomaly with the events around its first operation (same key or the set, and the nemesis). */
public record ReportedAnomaly(Anomaly anomaly, Excerpt context) {
    public ReportedAnomaly {
        Objects.requireNonNull(anomaly, "anomaly");
        Objects.requireNonNull(context, "context");
    }
}
