package io.graphraft.core.engine;

import io.graphraft.core.codec.CodecKind;
import io.graphraft.core.store.StoreKind;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * One setting of a {@link ClusterSpec}, declared here once: its name, its parameter (the string form
 * used by benchmark parameters and env.json), how a string parses, which values are valid, and its
 * default ({@code null} for an optional setting, which engines then choose). {@link ClusterSpec}
 * stores values by setting; an engine declares which optional settings it honours in its
 * {@link EngineSupport}. A new setting is one constant here (and one line in {@link #ALL}).
 *
 * <p>The seed's hashicorp/raft knobs map as: SnapshotThreshold → {@link #SNAPSHOT_THRESHOLD} (log
 * entries since the last snapshot that trigger a new one; 0 = no automatic snapshots), TrailingLogs
 * → {@link #TRAILING_LOGS} (entries kept behind a snapshot for lagging followers). Each engine
 * documents how it maps them onto its own configuration.
 */
public final class Setting<T> {
    private static final int MAX_NODES = 7;

    public static final Setting<Integer> NODES = new Setting<>("nodes", "nodes", 1, Integer::valueOf,
            v -> v >= 1 && v <= MAX_NODES, "between 1 and " + MAX_NODES, Function.identity());
    public static final Setting<Durability> DURABILITY = new Setting<>("durability", "durability", Durability.FSYNC,
            Durability::parse, v -> true, "fsync or none", Durability::label);
    public static final Setting<StoreKind> STORE = new Setting<>("store", "store", StoreKind.HEAP,
            StoreKind::parse, v -> true, "a store kind", StoreKind::label);
    public static final Setting<CodecKind> CODEC = new Setting<>("codec", "codec", CodecKind.BINARY,
            CodecKind::parse, v -> true, "a codec kind", CodecKind::label);
    /** How long a client waits for a request before failing it with {@link EngineUnavailableException}. */
    public static final Setting<Duration> REQUEST_TIMEOUT = duration("requestTimeout", Duration.ofSeconds(10));
    public static final Setting<Duration> ELECTION_TIMEOUT = duration("electionTimeout", null);
    public static final Setting<Duration> HEARTBEAT_INTERVAL = duration("heartbeatInterval", null);
    /** Log entries since the last snapshot that trigger an automatic snapshot; 0 turns them off. */
    public static final Setting<Long> SNAPSHOT_THRESHOLD = entries("snapshotThreshold");
    /** Log entries kept behind a snapshot when the log is compacted. */
    public static final Setting<Long> TRAILING_LOGS = entries("trailingLogs");
    /** Most log entries one append RPC carries. */
    public static final Setting<Integer> APPEND_BATCH_MAX_ENTRIES = new Setting<>("appendBatchMaxEntries",
            "appendBatchMaxEntries", null, Integer::valueOf, v -> v >= 1, "at least 1", Function.identity());

    /** Every setting, in the order {@link ClusterSpec#describe()} lists them. */
    public static final List<Setting<?>> ALL = List.of(NODES, DURABILITY, STORE, CODEC, REQUEST_TIMEOUT,
            ELECTION_TIMEOUT, HEARTBEAT_INTERVAL, SNAPSHOT_THRESHOLD, TRAILING_LOGS, APPEND_BATCH_MAX_ENTRIES);

    private final String key;
    private final String parameter;
    private final T defaultValue;
    private final Function<String, T> parser;
    private final java.util.function.Predicate<T> valid;
    private final String validDescription;
    private final Function<? super T, ?> described;

    private Setting(String key, String parameter, T defaultValue, Function<String, T> parser,
                    java.util.function.Predicate<T> valid, String validDescription, Function<? super T, ?> described) {
        this.key = key;
        this.parameter = parameter;
        this.defaultValue = defaultValue;
        this.parser = parser;
        this.valid = valid;
        this.validDescription = validDescription;
        this.described = described;
    }

    private static Setting<Duration> duration(String key, Duration defaultValue) {
        return new Setting<>(key, key + "Ms", defaultValue, s -> Duration.ofMillis(Long.parseLong(s)),
                d -> !d.isNegative() && !d.isZero(), "a positive duration", Duration::toMillis);
    }

    private static Setting<Long> entries(String key) {
        return new Setting<>(key, key, null, Long::valueOf, v -> v >= 0, "not negative", Function.identity());
    }

    /** The name used in messages and by {@link EngineSupport}, e.g. {@code electionTimeout}. */
    public String key() {
        return key;
    }

    /** The string parameter's name (benchmark parameters, env.json), e.g. {@code electionTimeoutMs}. */
    public String parameter() {
        return parameter;
    }

    /** True for a setting without a default: unset, the engine chooses. */
    public boolean optional() {
        return defaultValue == null;
    }

    T defaultValue() {
        return defaultValue;
    }

    /** @throws IllegalArgumentException naming the setting if {@code value} is null or invalid */
    public T validate(T value) {
        if (value == null) {
            throw new IllegalArgumentException(key + " must not be null");
        }
        if (!valid.test(value)) {
            throw new IllegalArgumentException(key + " must be " + validDescription + ", was " + describe(value));
        }
        return value;
    }

    /**
     * The value of a string parameter, validated.
     *
     * @throws IllegalArgumentException naming the parameter if the string does not parse or is invalid
     */
    public T parse(String text) {
        T value;
        try {
            value = parser.apply(Objects.requireNonNull(text, parameter + " must have a value").trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(parameter + " must be a number, was '" + text + "'", e);
        }
        return validate(value);
    }

    /** The value as env.json and reports show it (durations in milliseconds, kinds by label). */
    public Object describe(T value) {
        return described.apply(value);
    }

    /** The setting whose parameter is {@code parameter}, if any. */
    public static Optional<Setting<?>> byParameter(String parameter) {
        return ALL.stream().filter(s -> s.parameter.equals(parameter)).findFirst();
    }

    @Override
    public String toString() {
        return key;
    }
}
