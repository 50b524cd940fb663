package io.graphraft.cluster.agent;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.graphraft.cluster.process.Addresses;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * A cluster file: the agents that run members (member i on agent i mod n) and where each keeps
 * their data, plus the file holding the secret shared with the agents. JSON:
 * <pre>
 * { "secretFile": "/home/me/.graphraft-secret",
 *   "agents": [ { "address": "10.0.0.2:7100", "dataDirectory": "/data/graphraft" }, ... ] }
 * </pre>
 * A data directory must lie inside the agent's own data root (its {@code --data}); omitted, the
 * agent uses that root. Without {@code secretFile} the secret comes from {@link Secrets#ENVIRONMENT}.
 */
@JsonIgnoreProperties(ignoreUnknown = false)
public record AgentsFile(String secretFile, List<Agent> agents) {

    /** One agent: where it listens, and where it keeps the members' data (null: its data root). */
    public record Agent(String address, String dataDirectory) {
        public Agent {
            Objects.requireNonNull(address, "an agent needs an address (host:port)");
            Addresses.parse(address);
        }

        public InetSocketAddress socketAddress() {
            return Addresses.parse(address);
        }
    }

    public AgentsFile {
        if (agents == null || agents.isEmpty()) {
            throw new IllegalArgumentException("a cluster file names at least one agent");
        }
        agents = List.copyOf(agents);
    }

    /** @throws IllegalArgumentException naming the file and what is wrong with it */
    public static AgentsFile read(Path file) {
        try {
            return new ObjectMapper().readValue(Files.readString(file), AgentsFile.class);
        } catch (IOException | IllegalArgumentException e) {
            throw new IllegalArgumentException("cluster file " + file + " is not usable: " + e.getMessage(), e);
        }
    }

    public String secret() {
        return Secrets.read(secretFile == null ? null : Path.of(secretFile));
    }
}
