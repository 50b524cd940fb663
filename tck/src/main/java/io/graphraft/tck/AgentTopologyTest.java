package io.graphraft.tck;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.graphraft.cluster.Clusters;
import io.graphraft.cluster.Deployment;
import io.graphraft.cluster.Topology;
import io.graphraft.cluster.agent.AgentProcess;
import io.graphraft.cluster.agent.AgentsFile;
import io.graphraft.cluster.process.Addresses;
import io.graphraft.core.command.Command;
import io.graphraft.core.command.Query;
import io.graphraft.core.command.Result;
import io.graphraft.core.engine.Cluster;
import io.graphraft.core.engine.ClusterSpec;
import io.graphraft.core.engine.Engine;
import io.graphraft.core.engine.Engines;
import io.graphraft.core.engine.NodeHandle;
import io.graphraft.core.engine.ReadConsistency;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A cluster across hosts, on one machine: three agents bound to 127.0.0.2, .3 and .4 run one member
 * each; the harness kills the leader through its agent and a new leader serves writes.
 */
@Tag("process")
public abstract class AgentTopologyTest {
    private static final Duration CONVERGENCE = Duration.ofSeconds(60);
    private static final List<String> HOSTS = List.of("127.0.0.2", "127.0.0.3", "127.0.0.4");

    @TempDir
    Path temp;

    private final List<AgentProcess> agents = new ArrayList<>();

    protected abstract String engineName();

    @AfterEach
    void stopAgents() {
        agents.forEach(AgentProcess::close);
    }

    @Test
    void threeAgentsRunAClusterAndALeaderKilledThroughItsAgentIsReplaced() throws Exception {
        Engine engine = Engines.byName(engineName());
        Path secret = Files.writeString(temp.resolve("secret"), "a-secret-only-this-test-knows-" + System.nanoTime());
        List<AgentsFile.Agent> named = new ArrayList<>();
        for (String host : HOSTS) {
            Path data = Files.createDirectories(temp.resolve("agent-" + host));
            AgentProcess agent = AgentProcess.start(host, data, secret, engine.jvmFlags(), temp.resolve("agent-" + host + ".log"));
            agents.add(agent);
            named.add(new AgentsFile.Agent(Addresses.format(agent.address()), null));
        }
        Path clusterFile = temp.resolve("cluster.json");
        new ObjectMapper().writeValue(clusterFile.toFile(), new AgentsFile(secret.toString(), named));

        ClusterSpec spec = ClusterSpec.builder(Files.createDirectories(temp.resolve("harness")))
                .nodes(3).requestTimeout(Duration.ofSeconds(5)).build();
        try (Cluster cluster = Clusters.start(engine, spec, Deployment.of(Topology.PROCESS).withAgents(AgentsFile.read(clusterFile)))) {
            NodeHandle leader = cluster.awaitLeader(CONVERGENCE);
            List<String> hosts = cluster.nodes().stream().map(Object::toString).toList();
            assertThat(hosts).as("one member per agent host").anySatisfy(n -> assertThat(n).contains("127.0.0.2"))
                    .anySatisfy(n -> assertThat(n).contains("127.0.0.3")).anySatisfy(n -> assertThat(n).contains("127.0.0.4"));
            long before = applied(cluster, "before");

            leader.stop();
            await().atMost(CONVERGENCE).until(() -> cluster.leader().filter(n -> n != leader).isPresent());
            await().atMost(CONVERGENCE).ignoreExceptions().until(() -> applied(cluster, "after") > before);
            assertThat(cluster.client().read(new Query.GetNode(before), ReadConsistency.LINEARIZABLE)
                    .get(15, TimeUnit.SECONDS)).isInstanceOf(Result.NodeFound.class);
        }
        assertThat(Files.list(spec.dataDirectory()).map(p -> p.getFileName().toString()))
                .as("the members' logs, collected from the agents").anyMatch(name -> name.endsWith("node-0.log"));
    }

    private static long applied(Cluster cluster, String label) throws Exception {
        Result result = cluster.client().submit(Command.CreateNode.of(label, Map.of())).get(15, TimeUnit.SECONDS);
        assertThat(result).isInstanceOf(Result.Applied.class);
        return ((Result.Applied) result).id();
    }
}
