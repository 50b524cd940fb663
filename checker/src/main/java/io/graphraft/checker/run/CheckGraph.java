package io.graphraft.checker.run;

import io.graphraft.core.command.Command;
import io.graphraft.core.command.Result;
import io.graphraft.core.engine.GraphClient;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * How the check's data lives in the graph. A register is a node made before the run (label
 * {@value #REGISTER_LABEL}); writing it sets its property {@value #VALUE}, reading it is a {@code GetNode}
 * (no such property: the register is absent). A set element is a node of label {@value #ELEMENT_LABEL}
 * carrying its unique tag in the property {@value #TAG}.
 */
public final class CheckGraph {
    public static final String REGISTER_LABEL = "check-register";
    public static final String ELEMENT_LABEL = "check-element";
    public static final String VALUE = "v";
    public static final String TAG = "tag";

    private final Map<String, Long> nodes;

    private CheckGraph(Map<String, Long> nodes) {
        this.nodes = nodes;
    }

    /**
     * Creates one register node per key ({@code k0}, {@code k1}, ...). This is set-up, not part of the history: a
     * creation that fails is tried again until {@code timeout}, and a node it may have made anyway is never used.
     *
     * @throws IllegalStateException if a register cannot be created within {@code timeout}
     */
    public static CheckGraph create(GraphClient client, int keys, Duration timeout) {
        if (keys < 1) {
            throw new IllegalArgumentException("keys must be >= 1, was " + keys);
        }
        Map<String, Long> nodes = new LinkedHashMap<>();
        for (int i = 0; i < keys; i++) {
            String key = "k" + i;
            Command create = Command.CreateNode.of(REGISTER_LABEL, Map.of("key", key));
            try {
                Result created = Awaitility.await("register " + key + " created").atMost(timeout)
                        .pollInterval(Duration.ofMillis(50)).ignoreExceptions()
                        .until(() -> client.submit(create).get(timeout.toMillis(), TimeUnit.MILLISECONDS),
                                result -> result instanceof Result.Applied);
                nodes.put(key, ((Result.Applied) created).id());
            } catch (ConditionTimeoutException e) {
                throw new IllegalStateException("cannot create register " + key + " within " + timeout.toSeconds() + " s", e);
            }
        }
        return new CheckGraph(nodes);
    }

    public List<String> keys() {
        return new ArrayList<>(nodes.keySet());
    }

    public long node(String key) {
        Long node = nodes.get(key);
        if (node == null) {
            throw new IllegalArgumentException("no register " + key + "; registers: " + nodes.keySet());
        }
        return node;
    }

    /** The write of {@code value} to {@code key}. */
    Command write(String key, long value) {
        return Command.UpdateNode.of(node(key), Map.of(VALUE, value));
    }

    /** The creation of the set element {@code tag}. */
    static Command createElement(long tag) {
        return Command.CreateNode.of(ELEMENT_LABEL, Map.of(TAG, tag));
    }
}
