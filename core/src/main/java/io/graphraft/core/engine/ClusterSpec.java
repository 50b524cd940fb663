package io.graphraft.core.engine;

import io.graphraft.core.codec.CodecKind;
import io.graphraft.core.store.StoreKind;
import io.graphraft.core.util.Directories;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Everything needed to start a cluster. Built with {@link #builder(Path)}, which rejects invalid
 * values naming the setting; an engine rejects settings it does not support when it starts.
 *
 * <p>The seed's hashicorp/raft knobs map as: SnapshotThreshold → {@code snapshotThreshold} (log
 * entries since the last snapshot that trigger a new one; 0 = no automatic snapshots), TrailingLogs
 * → {@code trailingLogs} (entries kept behind a snapshot for lagging followers). Each engine
 * documents how it maps them onto its own configuration.
 */
public final class ClusterSpec {
    public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(10);

    private final int nodes;
    private final Path dataDirectory;
    private final Durability durability;
    private final StoreKind store;
    private final CodecKind codec;
    private final Duration requestTimeout;
    private final Duration electionTimeout;
    private final Duration heartbeatInterval;
    private final Long snapshotThreshold;
    private final Long trailingLogs;
    private final Integer appendBatchMaxEntries;
    private final Map<String, String> options;

    private ClusterSpec(Builder b) {
        this.nodes = b.nodes;
        this.dataDirectory = b.dataDirectory;
        this.durability = b.durability;
        this.store = b.store;
        this.codec = b.codec;
        this.requestTimeout = b.requestTimeout;
        this.electionTimeout = b.electionTimeout;
        this.heartbeatInterval = b.heartbeatInterval;
        this.snapshotThreshold = b.snapshotThreshold;
        this.trailingLogs = b.trailingLogs;
        this.appendBatchMaxEntries = b.appendBatchMaxEntries;
        this.options = Collections.unmodifiableMap(new TreeMap<>(b.options));
    }

    /** A builder for a cluster keeping its files below {@code dataDirectory}, which must exist. */
    public static Builder builder(Path dataDirectory) {
        return new Builder(dataDirectory);
    }

    public Builder toBuilder() {
        Builder b = new Builder(dataDirectory);
        b.nodes = nodes;
        b.durability = durability;
        b.store = store;
        b.codec = codec;
        b.requestTimeout = requestTimeout;
        b.electionTimeout = electionTimeout;
        b.heartbeatInterval = heartbeatInterval;
        b.snapshotThreshold = snapshotThreshold;
        b.trailingLogs = trailingLogs;
        b.appendBatchMaxEntries = appendBatchMaxEntries;
        b.options.putAll(options);
        return b;
    }

    public int nodes() {
        return nodes;
    }

    public Path dataDirectory() {
        return dataDirectory;
    }

    /** The directory of node {@code index} (0-based): {@code <dataDirectory>/node-<index>}. */
    public Path nodeDirectory(int index) {
        return dataDirectory.resolve("node-" + index);
    }

    public Durability durability() {
        return durability;
    }

    public StoreKind store() {
        return store;
    }

    public CodecKind codec() {
        return codec;
    }

    /** How long a client waits for a request before failing it with {@link EngineUnavailableException}. */
    public Duration requestTimeout() {
        return requestTimeout;
    }

    public Optional<Duration> electionTimeout() {
        return Optional.ofNullable(electionTimeout);
    }

    public Optional<Duration> heartbeatInterval() {
        return Optional.ofNullable(heartbeatInterval);
    }

    public Optional<Long> snapshotThreshold() {
        return Optional.ofNullable(snapshotThreshold);
    }

    public Optional<Long> trailingLogs() {
        return Optional.ofNullable(trailingLogs);
    }

    public Optional<Integer> appendBatchMaxEntries() {
        return Optional.ofNullable(appendBatchMaxEntries);
    }

    /** Engine-specific options ({@code key=value}); each engine lists the keys and values it accepts. */
    public Map<String, String> options() {
        return options;
    }

    public Optional<String> option(String key) {
        return Optional.ofNullable(options.get(key));
    }

    /** The optional settings given explicitly (everything else is the engine's default). */
    public Set<Setting> explicitSettings() {
        EnumSet<Setting> set = EnumSet.noneOf(Setting.class);
        if (electionTimeout != null) {
            set.add(Setting.ELECTION_TIMEOUT);
        }
        if (heartbeatInterval != null) {
            set.add(Setting.HEARTBEAT_INTERVAL);
        }
        if (snapshotThreshold != null) {
            set.add(Setting.SNAPSHOT_THRESHOLD);
        }
        if (trailingLogs != null) {
            set.add(Setting.TRAILING_LOGS);
        }
        if (appendBatchMaxEntries != null) {
            set.add(Setting.APPEND_BATCH_MAX_ENTRIES);
        }
        return set;
    }

    /** Every setting with its value, for env.json and reports. */
    public Map<String, Object> describe() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("nodes", nodes);
        out.put("durability", durability.name().toLowerCase(java.util.Locale.ROOT));
        out.put("store", store.label());
        out.put("codec", codec.label());
        out.put("requestTimeoutMs", requestTimeout.toMillis());
        electionTimeout().ifPresent(d -> out.put("electionTimeoutMs", d.toMillis()));
        heartbeatInterval().ifPresent(d -> out.put("heartbeatIntervalMs", d.toMillis()));
        snapshotThreshold().ifPresent(v -> out.put("snapshotThreshold", v));
        trailingLogs().ifPresent(v -> out.put("trailingLogs", v));
        appendBatchMaxEntries().ifPresent(v -> out.put("appendBatchMaxEntries", v));
        if (!options.isEmpty()) {
            out.put("options", options);
        }
        return out;
    }

    @Override
    public String toString() {
        return "ClusterSpec" + describe();
    }

    /** Validating builder: every setter rejects a bad value with a message naming the setting. */
    public static final class Builder {
        private static final int MAX_NODES = 7;

        private int nodes = 1;
        private final Path dataDirectory;
        private Durability durability = Durability.FSYNC;
        private StoreKind store = StoreKind.HEAP;
        private CodecKind codec = CodecKind.BINARY;
        private Duration requestTimeout = DEFAULT_REQUEST_TIMEOUT;
        private Duration electionTimeout;
        private Duration heartbeatInterval;
        private Long snapshotThreshold;
        private Long trailingLogs;
        private Integer appendBatchMaxEntries;
        private final Map<String, String> options = new TreeMap<>();

        private Builder(Path dataDirectory) {
            this.dataDirectory = dataDirectory;
        }

        public Builder nodes(int count) {
            if (count < 1 || count > MAX_NODES) {
                throw new IllegalArgumentException("nodes must be between 1 and " + MAX_NODES + ", was " + count);
            }
            this.nodes = count;
            return this;
        }

        public Builder durability(Durability value) {
            this.durability = Objects.requireNonNull(value, "durability must not be null");
            return this;
        }

        public Builder store(StoreKind value) {
            this.store = Objects.requireNonNull(value, "store must not be null");
            return this;
        }

        public Builder codec(CodecKind value) {
            this.codec = Objects.requireNonNull(value, "codec must not be null");
            return this;
        }

        public Builder requestTimeout(Duration value) {
            this.requestTimeout = positive("requestTimeout", value);
            return this;
        }

        public Builder electionTimeout(Duration value) {
            this.electionTimeout = positive("electionTimeout", value);
            return this;
        }

        public Builder heartbeatInterval(Duration value) {
            this.heartbeatInterval = positive("heartbeatInterval", value);
            return this;
        }

        /** Log entries since the last snapshot that trigger an automatic snapshot; 0 turns them off. */
        public Builder snapshotThreshold(long entries) {
            this.snapshotThreshold = notNegative("snapshotThreshold", entries);
            return this;
        }

        /** Log entries kept behind a snapshot when the log is compacted. */
        public Builder trailingLogs(long entries) {
            this.trailingLogs = notNegative("trailingLogs", entries);
            return this;
        }

        /** Most log entries one append RPC carries. */
        public Builder appendBatchMaxEntries(int entries) {
            if (entries < 1) {
                throw new IllegalArgumentException("appendBatchMaxEntries must be at least 1, was " + entries);
            }
            this.appendBatchMaxEntries = entries;
            return this;
        }

        public Builder option(String key, String value) {
            if (key == null || key.isBlank()) {
                throw new IllegalArgumentException("engine option key must not be blank");
            }
            if (value == null) {
                throw new IllegalArgumentException("engine option '" + key + "' must have a value");
            }
            options.put(key, value);
            return this;
        }

        /**
         * @throws IllegalArgumentException naming the setting if the data directory is missing or
         *     the heartbeat is not shorter than the election timeout
         */
        public ClusterSpec build() {
            Directories.requireDirectory(dataDirectory, "dataDirectory");
            if (electionTimeout != null && heartbeatInterval != null && heartbeatInterval.compareTo(electionTimeout) >= 0) {
                throw new IllegalArgumentException("heartbeatInterval (" + heartbeatInterval.toMillis()
                        + " ms) must be shorter than electionTimeout (" + electionTimeout.toMillis() + " ms)");
            }
            return new ClusterSpec(this);
        }

        private static Duration positive(String name, Duration value) {
            if (value == null || value.isNegative() || value.isZero()) {
                throw new IllegalArgumentException(name + " must be a positive duration, was " + value);
            }
            return value;
        }

        private static long notNegative(String name, long value) {
            if (value < 0) {
                throw new IllegalArgumentException(name + " must not be negative, was " + value);
            }
            return value;
        }
    }
}
