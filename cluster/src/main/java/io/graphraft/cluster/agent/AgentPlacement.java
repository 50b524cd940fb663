package io.graphraft.cluster.agent;

import io.graphraft.cluster.Placement;
import io.graphraft.cluster.process.NodeLaunch;
import io.graphraft.cluster.process.ControlClient;
import io.graphraft.cluster.process.ControlServer;
import io.graphraft.core.engine.ClusterSpec;
import io.graphraft.core.engine.Engine;
import io.graphraft.core.engine.Member;
import io.graphraft.core.engine.MemberConfig;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Members run by agents, member i on agent i mod n (the OpenMessaging Benchmark worker pattern):
 * the agents start, kill, pause and restart them; the harness talks to each member's control
 * channel and to the cluster through the engine's client protocol. Closing the placement copies
 * the members' logs into the spec's data directory.
 */
public final class AgentPlacement implements Placement {
    private final AgentsFile file;
    private final List<AgentClient> agents;
    private final Engine engine;
    private final ClusterSpec spec;
    private final List<String> jvmFlags;
    private final String controlSecret;
    private volatile String clusterId;

    public AgentPlacement(AgentsFile file, Engine engine, ClusterSpec spec, List<String> nodeJvmFlags) {
        this.file = file;
        String secret = file.secret();
        this.agents = file.agents().stream().map(agent -> new AgentClient(agent.socketAddress(), secret)).toList();
        this.engine = engine;
        this.spec = spec;
        List<String> flags = new ArrayList<>(engine.jvmFlags());
        flags.addAll(nodeJvmFlags);
        this.jvmFlags = List.copyOf(flags);
        this.controlSecret = ControlServer.newSecret();
    }

    private AgentClient agent(int index) {
        return agents.get(index % agents.size());
    }

    @Override
    public List<InetSocketAddress> addresses(int members) {
        List<List<Integer>> ports = new ArrayList<>();
        for (int a = 0; a < agents.size(); a++) {
            int count = (members - a + agents.size() - 1) / agents.size();
            ports.add(count == 0 ? List.of() : agents.get(a).freePorts(count));
        }
        List<InetSocketAddress> addresses = new ArrayList<>();
        for (int i = 0; i < members; i++) {
            AgentClient agent = agent(i);
            addresses.add(new InetSocketAddress(agent.address().getAddress(), ports.get(i % agents.size()).get(i / agents.size())));
        }
        return addresses;
    }

    @Override
    public Member start(MemberConfig config) {
        clusterId = config.layout().clusterId();
        AgentClient agent = agent(config.index());
        String dataDirectory = file.agents().get(config.index() % agents.size()).dataDirectory();
        int controlPort = agent.start(NodeLaunch.of(engine.name(), spec, config, controlSecret), dataDirectory, jvmFlags);
        String id = clusterId;
        int index = config.index();
        return new ControlClient(config.id(), new InetSocketAddress(config.listen().getAddress(), controlPort),
                controlSecret, spec.codec().codec(), () -> agent.alive(id, index), () -> agent.kill(id, index));
    }

    @Override
    public void wipe(int index) {
        agent(index).wipe(clusterId, index);
    }

    @Override
    public void pause(int index) {
        agent(index).pause(clusterId, index);
    }

    @Override
    public void resume(int index) {
        agent(index).resume(clusterId, index);
    }

    @Override
    public Optional<String> pauseUnsupported() {
        return Optional.empty();
    }

    @Override
    public String describe() {
        return "agents " + agents.stream().map(agent -> agent.address().toString()).toList();
    }

    /** Collects the members' logs (members were killed before). */
    @Override
    public void close() {
        if (clusterId == null) {
            return;
        }
        for (AgentClient agent : agents) {
            try {
                agent.collectLogs(clusterId, spec.dataDirectory());
            } catch (RuntimeException e) {
                // an agent that went away keeps its logs; the cluster is closing either way
            }
        }
    }
}
