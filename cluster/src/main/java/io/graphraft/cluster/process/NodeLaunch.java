package io.graphraft.cluster.process;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.graphraft.core.engine.ClusterLayout;
import io.graphraft.core.engine.ClusterSpec;
import io.graphraft.core.engine.MemberConfig;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Everything a node process needs to start its member, sent as one JSON line on its standard input:
 * the engine, the cluster spec, the member's place in the cluster, and the secret its control
 * channel demands.
 */
public record NodeLaunch(String engine, Map<String, String> spec, String clusterId, List<String> members, int index,
                         List<String> routes, String secret) {
    private static final ObjectMapper JSON = new ObjectMapper();

    public static NodeLaunch of(String engine, ClusterSpec spec, MemberConfig config, String secret) {
        return new NodeLaunch(engine, SpecProperties.of(spec), config.layout().clusterId(),
                config.layout().members().stream().map(Addresses::format).toList(), config.index(),
                config.routes().stream().map(Addresses::format).toList(), secret);
    }

    /** The same launch with the spec's data directory moved (an agent keeps data where it is told). */
    public NodeLaunch withDataDirectory(Path directory) {
        return new NodeLaunch(engine, SpecProperties.withDataDirectory(spec, directory), clusterId, members, index,
                routes, secret);
    }

    public Path dataDirectory() {
        return SpecProperties.dataDirectory(spec);
    }

    public ClusterSpec clusterSpec() {
        return SpecProperties.parse(spec);
    }

    public MemberConfig memberConfig() {
        ClusterLayout layout = new ClusterLayout(clusterId, members.stream().map(Addresses::parse).toList());
        return new MemberConfig(layout, index, routes.stream().map(Addresses::parse).toList());
    }

    public String toJson() {
        try {
            return JSON.writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a node launch as JSON", e);
        }
    }

    /** @throws IllegalArgumentException if {@code json} is not a node launch */
    public static NodeLaunch fromJson(String json) {
        try {
            return JSON.readValue(json, NodeLaunch.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not a node launch: " + e.getOriginalMessage(), e);
        }
    }
}
