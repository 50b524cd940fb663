package io.graphraft.cluster.process;

import io.graphraft.core.codec.CodecKind;
import io.graphraft.core.engine.ClusterSpec;
import io.graphraft.core.engine.Durability;
import io.graphraft.core.store.StoreKind;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** A {@link ClusterSpec} as string properties and back, for the launch of a node process. */
public final class SpecProperties {
    private static final String OPTION = "option.";

    private SpecProperties() {
    }

    public static Map<String, String> of(ClusterSpec spec) {
        Map<String, String> out = new LinkedHashMap<>();
        out.put("dataDirectory", spec.dataDirectory().toAbsolutePath().toString());
        out.put("nodes", Integer.toString(spec.nodes()));
        out.put("durability", spec.durability().name().toLowerCase(Locale.ROOT));
        out.put("store", spec.store().label());
        out.put("codec", spec.codec().label());
        out.put("requestTimeoutMs", Long.toString(spec.requestTimeout().toMillis()));
        spec.electionTimeout().ifPresent(d -> out.put("electionTimeoutMs", Long.toString(d.toMillis())));
        spec.heartbeatInterval().ifPresent(d -> out.put("heartbeatIntervalMs", Long.toString(d.toMillis())));
        spec.snapshotThreshold().ifPresent(v -> out.put("snapshotThreshold", Long.toString(v)));
        spec.trailingLogs().ifPresent(v -> out.put("trailingLogs", Long.toString(v)));
        spec.appendBatchMaxEntries().ifPresent(v -> out.put("appendBatchMaxEntries", Integer.toString(v)));
        spec.options().forEach((key, value) -> out.put(OPTION + key, value));
        return out;
    }

    /** The spec {@link #of} described, with its data directory replaced by {@code dataDirectory} if given. */
    public static ClusterSpec parse(Map<String, String> properties, Path dataDirectory) {
        Path directory = dataDirectory != null ? dataDirectory : Path.of(require(properties, "dataDirectory"));
        ClusterSpec.Builder builder = ClusterSpec.builder(directory)
                .nodes(Integer.parseInt(require(properties, "nodes")))
                .durability(Durability.valueOf(require(properties, "durability").toUpperCase(Locale.ROOT)))
                .store(StoreKind.parse(require(properties, "store")))
                .codec(CodecKind.parse(require(properties, "codec")))
                .requestTimeout(Duration.ofMillis(Long.parseLong(require(properties, "requestTimeoutMs"))));
        properties.forEach((key, value) -> {
            switch (key) {
                case "electionTimeoutMs" -> builder.electionTimeout(Duration.ofMillis(Long.parseLong(value)));
                case "heartbeatIntervalMs" -> builder.heartbeatInterval(Duration.ofMillis(Long.parseLong(value)));
                case "snapshotThreshold" -> builder.snapshotThreshold(Long.parseLong(value));
                case "trailingLogs" -> builder.trailingLogs(Long.parseLong(value));
                case "appendBatchMaxEntries" -> builder.appendBatchMaxEntries(Integer.parseInt(value));
                default -> {
                    if (key.startsWith(OPTION)) {
                        builder.option(key.substring(OPTION.length()), value);
                    }
                }
            }
        });
        return builder.build();
    }

    private static String require(Map<String, String> properties, String key) {
        String value = properties.get(key);
        if (value == null) {
            throw new IllegalArgumentException("cluster spec property '" + key + "' is missing");
        }
        return value;
    }
}
