package io.graphraft.core.engine;

import io.graphraft.core.codec.CodecKind;
import io.graphraft.core.store.StoreKind;
import io.graphraft.core.util.Directories;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Everything needed to start a cluster: a data directory, a value for each {@link Setting} (its
 * default where none was given; optional settings stay unset) and engine options. Built with
 * {@link #builder(Path)}, which rejects invalid values naming the setting; an engine rejects
 * settings it does not support when it starts. The typed getters and setters below are
 * conveniences over {@link #get}/{@link Builder#set}: what a setting is lives in {@link Setting}.
 */
public final class ClusterSpec {
    public static final Duration DEFAULT_REQUEST_TIMEOUT = Setting.REQUEST_TIMEOUT.defaultValue();

    private final Path dataDirectory;
    private final Map<Setting<?>, Object> values;
    private final Map<String, String> options;

    private ClusterSpec(Builder b) {
        this.dataDirectory = b.dataDirectory;
        this.values = Map.copyOf(b.values);
        this.options = Collections.unmodifiableMap(new TreeMap<>(b.options));
    }

    /** A builder for a cluster keeping its files below {@code dataDirectory}, which must exist. */
    public static Builder builder(Path dataDirectory) {
        return new Builder(dataDirectory);
    }

    public Builder toBuilder() {
        Builder b = new Builder(dataDirectory);
        b.values.putAll(values);
        b.options.putAll(options);
        return b;
    }

    /** The value of {@code setting}: as given, else its default (null for an unset optional setting). */
    @SuppressWarnings("unchecked")
    public <T> T get(Setting<T> setting) {
        T value = (T) values.get(setting);
        return value != null ? value : setting.defaultValue();
    }

    /** The value of an optional setting, empty where the engine chooses. */
    public <T> Optional<T> find(Setting<T> setting) {
        return Optional.ofNullable(get(setting));
    }

    public Path dataDirectory() {
        return dataDirectory;
    }

    /** The directory of node {@code index} (0-based): {@code <dataDirectory>/node-<index>}. */
    public Path nodeDirectory(int index) {
        return dataDirectory.resolve("node-" + index);
    }

    public int nodes() {
        return get(Setting.NODES);
    }

    public Durability durability() {
        return get(Setting.DURABILITY);
    }

    public StoreKind store() {
        return get(Setting.STORE);
    }

    public CodecKind codec() {
        return get(Setting.CODEC);
    }

    public Duration requestTimeout() {
        return get(Setting.REQUEST_TIMEOUT);
    }

    public Optional<Duration> electionTimeout() {
        return find(Setting.ELECTION_TIMEOUT);
    }

    public Optional<Duration> heartbeatInterval() {
        return find(Setting.HEARTBEAT_INTERVAL);
    }

    public Optional<Long> snapshotThreshold() {
        return find(Setting.SNAPSHOT_THRESHOLD);
    }

    public Optional<Long> trailingLogs() {
        return find(Setting.TRAILING_LOGS);
    }

    public Optional<Integer> appendBatchMaxEntries() {
        return find(Setting.APPEND_BATCH_MAX_ENTRIES);
    }

    /** Engine-specific options ({@code key=value}); each engine lists the keys and values it accepts. */
    public Map<String, String> options() {
        return options;
    }

    public Optional<String> option(String key) {
        return Optional.ofNullable(options.get(key));
    }

    /** The optional settings given explicitly (everything else is the engine's default). */
    public Set<Setting<?>> explicitSettings() {
        Set<Setting<?>> set = new LinkedHashSet<>();
        for (Setting<?> setting : Setting.ALL) {
            if (setting.optional() && values.containsKey(setting)) {
                set.add(setting);
            }
        }
        return set;
    }

    /** Every setting with a value, by parameter name, for env.json and reports. */
    public Map<String, Object> describe() {
        Map<String, Object> out = new LinkedHashMap<>();
        for (Setting<?> setting : Setting.ALL) {
            describe(setting, out);
        }
        if (!options.isEmpty()) {
            out.put("options", options);
        }
        return out;
    }

    private <T> void describe(Setting<T> setting, Map<String, Object> out) {
        find(setting).ifPresent(value -> out.put(setting.parameter(), setting.describe(value)));
    }

    @Override
    public String toString() {
        return "ClusterSpec" + describe();
    }

    /** Validating builder: every setter rejects a bad value with a message naming the setting. */
    public static final class Builder {
        private final Path dataDirectory;
        private final Map<Setting<?>, Object> values = new HashMap<>();
        private final Map<String, String> options = new TreeMap<>();

        private Builder(Path dataDirectory) {
            this.dataDirectory = dataDirectory;
        }

        /** Sets {@code setting}, validated. */
        public <T> Builder set(Setting<T> setting, T value) {
            values.put(setting, setting.validate(value));
            return this;
        }

        /** Sets {@code setting} from its string form (its {@link Setting#parameter()} value). */
        public <T> Builder parse(Setting<T> setting, String text) {
            return set(setting, setting.parse(text));
        }

        public Builder nodes(int count) {
            return set(Setting.NODES, count);
        }

        public Builder durability(Durability value) {
            return set(Setting.DURABILITY, value);
        }

        public Builder store(StoreKind value) {
            return set(Setting.STORE, value);
        }

        public Builder codec(CodecKind value) {
            return set(Setting.CODEC, value);
        }

        public Builder requestTimeout(Duration value) {
            return set(Setting.REQUEST_TIMEOUT, value);
        }

        public Builder electionTimeout(Duration value) {
            return set(Setting.ELECTION_TIMEOUT, value);
        }

        public Builder heartbeatInterval(Duration value) {
            return set(Setting.HEARTBEAT_INTERVAL, value);
        }

        public Builder snapshotThreshold(long entries) {
            return set(Setting.SNAPSHOT_THRESHOLD, entries);
        }

        public Builder trailingLogs(long entries) {
            return set(Setting.TRAILING_LOGS, entries);
        }

        public Builder appendBatchMaxEntries(int entries) {
            return set(Setting.APPEND_BATCH_MAX_ENTRIES, entries);
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

        /** Adds engine options written as {@code key=value;key=value} (blank: none). */
        public Builder options(String keyValues) {
            for (String option : keyValues.split(";")) {
                if (option.isBlank()) {
                    continue;
                }
                int eq = option.indexOf('=');
                if (eq <= 0) {
                    throw new IllegalArgumentException("engine option '" + option + "' is not key=value");
                }
                option(option.substring(0, eq).trim(), option.substring(eq + 1).trim());
            }
            return this;
        }

        /**
         * @throws IllegalArgumentException naming the setting if the data directory is missing or
         *     the heartbeat is not shorter than the election timeout
         */
        public ClusterSpec build() {
            Directories.requireDirectory(dataDirectory, "dataDirectory");
            Duration election = (Duration) values.get(Setting.ELECTION_TIMEOUT);
            Duration heartbeat = (Duration) values.get(Setting.HEARTBEAT_INTERVAL);
            if (election != null && heartbeat != null && heartbeat.compareTo(election) >= 0) {
                throw new IllegalArgumentException("heartbeatInterval (" + heartbeat.toMillis()
                        + " ms) must be shorter than electionTimeout (" + election.toMillis() + " ms)");
            }
            return new ClusterSpec(this);
        }
    }
}
