package io.graphraft.bench;

import io.graphraft.core.engine.ClusterSpec;
import io.graphraft.core.engine.Engines;

import java.time.Duration;

/**
 * The {@code electionTimeoutMs} parameter: {@code default} leaves the engine's own timeouts;
 * a number sets the election timeout, and a heartbeat of a sixth of it where the engine has one.
 */
final class ElectionTimeouts {
    static final String DEFAULT = "default";

    private ElectionTimeouts() {
    }

    static ClusterSpec.Builder apply(String engine, String electionTimeoutMs, ClusterSpec.Builder builder) {
        if (DEFAULT.equals(electionTimeoutMs)) {
            return builder;
        }
        Duration election = Duration.ofMillis(Long.parseLong(electionTimeoutMs));
        builder.electionTimeout(election);
        ClusterSpec.Builder withHeartbeat = builder.build().toBuilder().heartbeatInterval(election.dividedBy(6));
        return Engines.byName(engine).unsupported(withHeartbeat.build()).isEmpty() ? withHeartbeat : builder;
    }
}
