package io.graphraft.core.engine;

import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** A running cluster: its nodes and clients. Closing it stops every node and thread it started. */
public interface Cluster extends AutoCloseable {

    ClusterSpec spec();

    /** The cluster's shared client. */
    GraphClient client();

    /** A further, independent client (its own connection or session), closed with the cluster. */
    GraphClient newClient();

    List<NodeHandle> nodes();

    /** The faults the network between the nodes can take, if a link layer carries their peer traffic. */
    default Optional<NetworkFaults> network() {
        return Optional.empty();
    }

    /** Why this cluster's nodes cannot be paused ({@link NodeHandle#pause()}), or empty if they can. */
    default Optional<String> pauseUnsupported() {
        return Optional.of("a node of this cluster cannot be paused");
    }

    /** The running node that reports itself leader in the highest term, if any (a node that cannot answer is not). */
    default Optional<NodeHandle> leader() {
        NodeHandle best = null;
        long bestTerm = -1;
        for (NodeHandle node : nodes()) {
            try {
                if (node.role() == Role.LEADER) {
                    long term = node.term();
                    if (term > bestTerm) {
                        best = node;
                        bestTerm = term;
                    }
                }
            } catch (EngineUnavailableException e) {
                // it stopped, or its process does not answer right now: not a leader we can use
            }
        }
        return Optional.ofNullable(best);
    }

    /**
     * Polls until a node is leader and returns it.
     *
     * @throws EngineUnavailableException if no leader appears within {@code timeout}
     */
    default NodeHandle awaitLeader(Duration timeout) {
        try {
            return Awaitility.await("a leader")
                    .atMost(timeout)
                    .pollDelay(Duration.ZERO)
                    .pollInterval(Duration.ofMillis(2))
                    .until(this::leader, Optional::isPresent)
                    .orElseThrow();
        } catch (ConditionTimeoutException e) {
            throw new EngineUnavailableException("no leader elected within " + timeout.toMillis() + " ms; roles: "
                    + nodes().stream().map(n -> n.id() + "=" + n.role()).toList(), e);
        }
    }

    @Override
    void close();
}
