package io.graphraft.checker.run;

import io.graphraft.cluster.Topology;

import java.time.Duration;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What one check run does: the engine and cluster, the workload and the nemesis.
 *
 * @param electionTimeout given to engines that accept the setting; null: each engine's default
 * @param faults          the fault kinds the nemesis draws from (those the cluster cannot take are skipped)
 */
public record CheckConfig(String engine, int nodes, int clients, Duration duration, int rounds, long seed,
                          Topology topology, int keys, Duration requestTimeout, Duration electionTimeout,
                          Set<FaultKind> faults) {
    public CheckConfig {
        Objects.requireNonNull(engine, "engine");
        Objects.requireNonNull(duration, "duration");
        Objects.requireNonNull(topology, "topology");
        Objects.requireNonNull(requestTimeout, "requestTimeout");
        faults = faults.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(faults));
        if (nodes < 1) {
            throw new IllegalArgumentException("nodes must be >= 1, was " + nodes);
        }
        if (clients < 1) {
            throw new IllegalArgumentException("clients must be >= 1, was " + clients);
        }
        if (keys < 1) {
            throw new IllegalArgumentException("keys must be >= 1, was " + keys);
        }
        if (duration.toSeconds() < 1) {
            throw new IllegalArgumentException("the run must last at least 1 s, was " + duration.toMillis() + " ms");
        }
        if (rounds < 0) {
            throw new IllegalArgumentException("rounds must be >= 0, was " + rounds);
        }
        if (rounds > 0 && duration.dividedBy(rounds).compareTo(Duration.ofSeconds(1)) < 0) {
            throw new IllegalArgumentException(rounds + " rounds in " + duration.toSeconds()
                    + " s leave less than 1 s per round: give more seconds or fewer rounds");
        }
        if (rounds > 0 && faults.isEmpty()) {
            throw new IllegalArgumentException("rounds need at least one fault kind");
        }
    }

    /** The faults in plan order, as the command line names them: {@code kill,pause,partition}. */
    public String faultList() {
        return EnumSet.copyOf(faults.isEmpty() ? EnumSet.noneOf(FaultKind.class) : faults).stream()
                .map(FaultKind::label).collect(Collectors.joining(","));
    }

    /** The command line that repeats this run (and its fault schedule). */
    public String commandLine() {
        StringBuilder line = new StringBuilder("check --engine ").append(engine)
                .append(" --nodes ").append(nodes)
                .append(" --clients ").append(clients)
                .append(" --seconds ").append(duration.toSeconds())
                .append(" --rounds ").append(rounds)
                .append(" --seed ").append(seed)
                .append(" --topology ").append(topology.label())
                .append(" --keys ").append(keys)
                .append(" --request-timeout-ms ").append(requestTimeout.toMillis())
                .append(" --election-timeout-ms ").append(electionTimeout == null ? 0 : electionTimeout.toMillis());
        if (!faults.isEmpty()) {
            line.append(" --faults ").append(faultList());
        }
        return line.toString();
    }

    /** Every setting, for check.json. */
    public Map<String, Object> describe() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("engine", engine);
        out.put("nodes", nodes);
        out.put("clients", clients);
        out.put("seconds", duration.toSeconds());
        out.put("rounds", rounds);
        out.put("seed", seed);
        out.put("topology", topology.label());
        out.put("keys", keys);
        out.put("requestTimeoutMs", requestTimeout.toMillis());
        out.put("electionTimeoutMs", electionTimeout == null ? null : electionTimeout.toMillis());
        out.put("faults", faultList());
        out.put("commandLine", commandLine());
        return out;
    }

    @Override
    public String toString() {
        return commandLine();
    }
}
