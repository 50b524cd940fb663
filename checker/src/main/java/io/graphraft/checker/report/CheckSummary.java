package io.graphraft.checker.report;

import io.graphraft.checker.Anomaly;
import io.graphraft.checker.history.ClientEvent;
import io.graphraft.checker.history.ClientOperation;
import io.graphraft.checker.history.Excerpt;
import io.graphraft.checker.history.History;
import io.graphraft.checker.history.HistoryEvent;
import io.graphraft.checker.history.NemesisEvent;
import io.graphraft.checker.history.Outcome;
import io.graphraft.checker.linearizability.KeyResult;
import io.graphraft.checker.linearizability.LinearizabilityChecker;
import io.graphraft.checker.linearizability.LinearizabilityResult;
import io.graphraft.checker.linearizability.Verdict;
import io.graphraft.checker.set.SetChecker;
import io.graphraft.checker.set.SetResult;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Everything a report shows about a checked history: the verdict, operations by outcome, the verdict per register
 * key, the set check (absent when the run made no final read), the nemesis timeline, each anomaly with the events
 * around it, and how long checking took. Times in {@link #lines()} are milliseconds since {@code origin}.
 */
public record CheckSummary(Validity validity, OperationCounts operations, List<KeyResult> keys, SetResult set,
                           List<NemesisEvent> nemesis, List<ReportedAnomaly> anomalies, long origin,
                           Duration checkTime) {
    public CheckSummary {
        Objects.requireNonNull(validity, "validity");
        Objects.requireNonNull(operations, "operations");
        keys = List.copyOf(keys);
        nemesis = List.copyOf(nemesis);
        anomalies = List.copyOf(anomalies);
        Objects.requireNonNull(checkTime, "checkTime");
    }

    /**
     * Runs both checks on {@code history}: linearizability per key, and the set check against {@code finalSet}
     * if it is not null. Each anomaly gets {@code contextEvents} events of context on either side.
     */
    public static CheckSummary check(History history, Collection<Long> finalSet, LinearizabilityChecker checker,
                                     int contextEvents) {
        long start = System.nanoTime();
        LinearizabilityResult linearizability = checker.check(history);
        SetResult set = finalSet == null ? null : SetChecker.check(history, finalSet);
        return of(history, linearizability, set, contextEvents, Duration.ofNanos(System.nanoTime() - start));
    }

    public static CheckSummary of(History history, LinearizabilityResult linearizability, SetResult set,
                                  int contextEvents, Duration checkTime) {
        List<Anomaly> found = new ArrayList<>(linearizability.anomalies());
        if (set != null) {
            found.addAll(set.anomalies());
        }
        List<ReportedAnomaly> reported = new ArrayList<>(found.size());
        for (Anomaly anomaly : found) {
            Excerpt context = anomaly.operations().isEmpty() ? new Excerpt(List.of(), 0)
                    : history.eventsAround(anomaly.operations().get(0), contextEvents);
            reported.add(new ReportedAnomaly(anomaly, context));
        }
        Validity validity = !found.isEmpty() ? Validity.INVALID
                : linearizability.verdict() == Verdict.UNKNOWN ? Validity.UNKNOWN : Validity.VALID;
        return new CheckSummary(validity, OperationCounts.of(history), linearizability.keys(), set,
                history.nemesisEvents(), reported, history.origin(), checkTime);
    }

    public int keysWith(Verdict verdict) {
        return (int) keys.stream().filter(k -> k.verdict() == verdict).count();
    }

    /** A plain-text rendering, one line per list element. */
    public List<String> lines() {
        List<String> lines = new ArrayList<>();
        lines.add("verdict: " + validity + " (checked in " + checkTime.toMillis() + " ms)");
        lines.add(String.format(Locale.ROOT, "operations: %d (ok %d, fail %d, unknown %d)", operations.total(),
                operations.total(Outcome.OK),
                operations.total(Outcome.FAIL),
                operations.total(Outcome.UNKNOWN)));
        lines.add(String.format(Locale.ROOT, "register keys: %d linearizable, %d not linearizable, %d unknown",
                keysWith(Verdict.LINEARIZABLE), keysWith(Verdict.NOT_LINEARIZABLE), keysWith(Verdict.UNKNOWN)));
        for (KeyResult key : keys) {
            if (key.verdict() == Verdict.UNKNOWN) {
                lines.add("  key " + key.key() + " unknown: " + key.unknownReason());
            }
        }
        if (set != null) {
            lines.add(String.format(Locale.ROOT, "set: %d creations (%d ok, %d present; %d unknown, %d recovered;"
                            + " %d failed), final read %d elements", set.creations(), set.acknowledged(),
                    set.acknowledgedPresent(), set.unknown(), set.recovered(), set.failed(), set.finalSize()));
        }
        lines.add("nemesis: " + nemesis.size() + " events");
        for (NemesisEvent event : nemesis) {
            lines.add("  " + event.describe(origin));
        }
        lines.add("anomalies: " + anomalies.size());
        for (ReportedAnomaly reported : anomalies) {
            lines.add("  " + reported.anomaly().type() + ": " + reported.anomaly().description());
            List<HistoryEvent> events = reported.context().events();
            ClientOperation anchor = reported.anomaly().operations().isEmpty() ? null
                    : reported.anomaly().operations().get(0);
            for (HistoryEvent event : events) {
                boolean mark = anchor != null && event instanceof ClientEvent c
                        && c.id() == anchor.id();
                lines.add((mark ? "  > " : "    ") + event.describe(origin));
            }
            if (reported.context().omitted() > 0) {
                lines.add("    (" + reported.context().omitted() + " events in the middle omitted)");
            }
        }
        return lines;
    }
}
