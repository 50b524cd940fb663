package io.graphraft.bench;

import org.HdrHistogram.Histogram;

import java.util.LinkedHashMap;
import java.util.Map;

/** Writes an open-loop step's response and service distributions ({@code -latency=response|service}) and its facts. */
final class OpenLoopFiles {
    private OpenLoopFiles() {
    }

    static Map<String, Object> write(String name, OpenLoopDriver.Outcome outcome) {
        writeDistribution(name + "-latency=response", outcome.response());
        writeDistribution(name + "-latency=service", outcome.service());
        Map<String, Object> facts = summary(outcome);
        RunFacts.write(name, facts);
        return facts;
    }

    static Map<String, Object> summary(OpenLoopDriver.Outcome outcome) {
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("targetPerSecond", outcome.ratePerSecond());
        facts.put("achievedPerSecond", Math.round(outcome.achievedPerSecond()));
        facts.put("sent", outcome.sent());
        facts.put("completed", outcome.completed());
        facts.put("failed", outcome.failed());
        facts.put("saturated", outcome.saturated());
        facts.put("responseP50Micros", micros(outcome.response(), 50));
        facts.put("responseP99Micros", micros(outcome.response(), 99));
        facts.put("responseP999Micros", micros(outcome.response(), 99.9));
        facts.put("serviceP50Micros", micros(outcome.service(), 50));
        facts.put("serviceP99Micros", micros(outcome.service(), 99));
        return facts;
    }

    static double micros(Histogram histogram, double percentile) {
        return histogram.getTotalCount() == 0 ? 0 : histogram.getValueAtPercentile(percentile) / 1000.0;
    }

    /** The whole run as one measured interval: .hlog and .hgrm like every other latency. */
    private static void writeDistribution(String name, Histogram histogram) {
        try (LatencyLog log = LatencyLog.open(name)) {
            log.add(histogram);
            log.endInterval(true);
        }
    }
}
