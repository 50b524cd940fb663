package io.graphraft.reports.report;

import io.graphraft.reports.Format;
import io.graphraft.reports.runfiles.RunEnvironment;

import java.util.List;
import java.util.Objects;

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
                + text(floor.loopbackMessageBytes(), "64") + " B over TCP) |");
        page.line("| recording one latency | " + Format.number(number(env.recordingOverheadNanos()), "%.0f ns") + " |");
        env.engines().forEach((engine, facts) -> {
            if (facts.libraries() != null && !facts.libraries().isEmpty()) {
                page.line("| " + engine + " | {" + String.join(",", facts.libraries().entrySet().stream()
                        .map(e -> e.getKey() + ":" + e.getValue()).toList()) + "} |");
            }
        });
        page.line();
        page.line("Latencies are HdrHistogram percentiles of every measured operation; `a – b` is the range of that");
        page.line("percentile over the measured iterations, `± e` is JMH's 99.9% error. Differences, ratios and gains");
        page.line("combine two measurements and are printed without a spread: read them against the inputs' spreads.");
        page.line("Run parameters, skipped combinations and their reasons are in `env.json`.");
        page.line("CPU busy is the benchmark JVM's CPU time ÷ wall time (all nodes and clients run in it; the machine has "
                + text(env.cpu().count(), "?") + " cores); CPU per write or entry divides that time");
        page.line("by the completed operations. Throughput that stops growing while CPU busy nears the core count is CPU-bound.");
        page.line();
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
