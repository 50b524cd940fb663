package io.graphraft.reports.report;

import io.graphraft.reports.Format;
import io.graphraft.reports.JmhResult;
import io.graphraft.reports.MachineDifference;
import io.graphraft.reports.Noise;
import io.graphraft.reports.runfiles.RunEnvironment;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/** The report's title and the run's environment (floors included), with how to read the numbers. */
final class EnvironmentHeader implements Section {

    @Override
    public void write(Page page) {
        RunEnvironment env = page.run().env();
        RunEnvironment.Floor floor = env.floor();
        page.line("# GraphRaft Lab report");
        page.line();
        page.line("Run `" + page.run().directory().getFileName() + "`, " + text(env.createdAt(), "?") + ", git "
                + text(env.gitRevision(), "?") + ".");
        page.line();
        page.line("| environment | |");
        page.line("|---|---|");
        page.line("| JVM | " + text(env.jvm().version(), "?") + " (" + text(env.jvm().vm(), "") + "), fork flags "
                + flags(env.jvm().forkFlags()) + " |");
        page.line("| OS | " + text(env.os().name(), "?") + " " + text(env.os().kernel(), "") + " " + text(env.os().arch(), "") + " |");
        page.line("| CPU | " + text(env.cpu().count(), "?") + " × " + text(env.cpu().model(), "?") + " |");
        page.line("| data directory | " + text(env.dataDirectory().path(), "?") + " on "
                + text(env.dataDirectory().filesystem(), "?") + " |");
        page.line("| fsync floor (probe) | p50 " + Format.micros(number(floor.fsyncP50Micros())) + ", p99 "
                + Format.micros(number(floor.fsyncP99Micros())) + " (FileChannel.force after a "
                + text(floor.fsyncAppendBytes(), "100") + " B append) |");
        page.line("| loopback round trip (probe) | p50 " + Format.micros(number(floor.loopbackRttP50Micros()))
                + ", p99 " + Format.micros(number(floor.loopbackRttP99Micros())) + " ("
                + text(floor.loopbackMessageBytes(), "64") + " B over TCP, both ends busy-polling: no thread wake-ups) |");
        RunEnvironment.Floor end = env.floorAtEnd();
        if (end != null) {
            page.line("| floors at the end of the run | fsync p50 " + Format.micros(number(end.fsyncP50Micros()))
                    + ", loopback round trip p50 " + Format.micros(number(end.loopbackRttP50Micros())) + " |");
        }
        if (env.parameters().get(RunEnvironment.LINK_LAYER_PROBE) instanceof Map<?, ?> probe && probe.get("overheadP50Micros") instanceof Number extra
                && probe.get("direct") instanceof Map<?, ?> direct && direct.get("p50Micros") instanceof Number p50) {
            page.line("| link layer at rttMs=0 (probe) | adds p50 " + Format.micros(extra.doubleValue())
                    + " to a direct round trip of p50 " + Format.micros(p50.doubleValue())
                    + " (busy-polling echo; every rttMs trial pays it per message between members) |");
        }
        page.line("| recording one latency | " + Format.number(number(env.recordingOverheadNanos()), "%.0f ns") + " |");
        env.engines().forEach((engine, facts) -> {
            if (facts.libraries() != null && !facts.libraries().isEmpty()) {
                // sorted: an engine's library map has no order of its own (Map.of iterates differently per JVM)
                page.line("| " + engine + " | {" + String.join(",", new TreeMap<>(facts.libraries()).entrySet().stream()
                        .map(e -> e.getKey() + ":" + e.getValue()).toList()) + "} |");
            }
        });
        page.line();
        floorMoved(floor, end).ifPresent(warning -> {
            page.line(warning);
            page.line();
        });
        page.line("Latencies are HdrHistogram percentiles of every measured operation; `a – b` is the range of that");
        page.line("percentile over the measured iterations, `± e` is JMH's 99.9% error; " + Noise.MARK + " beside a figure means its"
                + " error exceeds " + Math.round(JmhResult.NOISY_ERROR_SHARE * 100) + "% of the score (throughput) or its range over"
                + " iterations exceeds " + Math.round(Noise.LATENCY_RANGE_SHARE * 100) + "% of the value (latency). Differences, ratios and gains");
        page.line("combine two measurements and are printed without a spread: read them against the inputs' spreads.");
        page.line("Run parameters, skipped combinations and their reasons are in `env.json`.");
        page.line("CPU busy is the benchmark JVM's CPU time, plus its node processes' in topology=process, ÷ wall time (the machine has "
                + text(env.cpu().count(), "?") + " cores); CPU per write or entry divides that time");
        page.line("by the completed operations. Throughput that stops growing while CPU busy nears the core count is CPU-bound.");
        page.line();
    }

    /** A warning when a floor probed at the end of the run moved more than the tolerance from the start's. */
    static Optional<String> floorMoved(RunEnvironment.Floor start, RunEnvironment.Floor end) {
        if (end == null) {
            return Optional.empty();
        }
        List<String> moved = new ArrayList<>();
        moved(moved, "fsync floor p50", start.fsyncP50Micros(), end.fsyncP50Micros());
        moved(moved, "loopback round trip p50", start.loopbackRttP50Micros(), end.loopbackRttP50Micros());
        if (moved.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of("**Warning: the floor moved during this run** (" + String.join("; ", moved) + ", more than "
                + Math.round(MachineDifference.FLOOR_TOLERANCE * 100) + "%): the machine changed under it; compare its figures"
                + " with care.");
    }

    private static void moved(List<String> out, String name, Double start, Double end) {
        if (start != null && end != null && MachineDifference.moved(start, end)) {
            out.add(name + " " + Format.micros(start) + " at the start, " + Format.micros(end) + " at the end");
        }
    }

    private static String text(Object value, String fallback) {
        return value != null ? value.toString() : fallback;
    }

    private static double number(Number value) {
        return value != null ? value.doubleValue() : Double.NaN;
    }

    /** As JSON with backticks for quotes: {@code [`-XX:CICompilerCount=4`,...]}. */
    private static String flags(List<String> flags) {
        if (flags == null) {
            return "";
        }
        return "[" + String.join(",", flags.stream().filter(Objects::nonNull).map(f -> "`" + f + "`").toList()) + "]";
    }
}
