package io.graphraft.bench.jmh;

import io.graphraft.bench.load.ClientPool;
import io.graphraft.bench.load.PowerLawGraph;
import io.graphraft.bench.load.WriteCommands;
import io.graphraft.core.command.Query;
import io.graphraft.core.engine.GraphClient;
import io.graphraft.core.engine.ReadConsistency;
import io.graphraft.core.model.Direction;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.LongFunction;

/**
 * Reads and what their consistency costs: {@code readers} closed-loop readers ask {@code query} of a start node
 * drawn uniformly from a loaded {@link PowerLawGraph} of {@code graphNodes} nodes (most starts are leaves next to
 * a hub), at {@code consistency} (a {@link ReadConsistency}; an engine lacking the level's capability is skipped
 * with its reason), optionally while {@code writers} closed-loop writers send CreateNode in the background. One
 * invocation waits for one completed read, so JMH's throughput is completed reads per second; every read's
 * latency goes to the trial's HdrHistogram .hgrm/.hlog (the writers' is not recorded).
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 3)
@Measurement(iterations = 3, time = 5)
@Fork(1)
public class ReadLatencyBenchmark {
    /** How many ids a twoHop read returns at most: a hub's two hops reach most of a small graph. */
    static final int TWO_HOP_LIMIT = 1000;

    /** The cluster with the graph loaded before anything is measured. */
    @State(Scope.Benchmark)
    public static class LoadedGraph extends ClusterState {
        @Param({"10000"})
        public int graphNodes;

        @Override
        protected void prepare() {
            PowerLawGraph.generate(graphNodes, PowerLawGraph.DEFAULT_EDGES_PER_NODE, PowerLawGraph.DEFAULT_SEED).load(client);
        }
    }

    @State(Scope.Benchmark)
    public static class Reads {
        @Param({"LINEARIZABLE", "LEASE", "LOCAL", "FOLLOWER"})
        public String consistency;

        @Param({"getNode", "neighbors", "twoHop"})
        public String query;

        @Param({"1", "64"})
        public int readers;

        @Param({"0", "64"})
        public int writers;

        /**
         * The readers' own clients, none shared with a writer: a client may order its reads behind its own
         * writes (Copycat orders a session's operations).
         */
        private final List<GraphClient> readerClients = new ArrayList<>();
        private ClientPool writerClients;
        private ClosedLoop reads;
        private ClosedLoop writes;

        @Setup(Level.Trial)
        public void openClients(LoadedGraph graph) {
            ReadConsistency level = ReadConsistency.valueOf(consistency);
            LongFunction<Query> ask = query(query);
            for (int i = 0; i < Math.min(readers, ClientPool.MAX_CLIENTS); i++) {
                readerClients.add(graph.cluster.newClient());
            }
            reads = ClosedLoop.measured("read", readers, reader -> readerClients.get(reader % readerClients.size())
                            .read(ask.apply(ThreadLocalRandom.current().nextLong(1, graph.graphNodes + 1L)), level),
                    nanos -> graph.latency.record(nanos));
            if (writers > 0) {
                writerClients = graph.clientPool(writers);
                writes = ClosedLoop.background("write", writers, writer -> writerClients.client(writer)
                        .submit(WriteCommands.CREATE_NODE));
            }
        }

        /** The query of a start node that {@code name} stands for. */
        static LongFunction<Query> query(String name) {
            return switch (name) {
                case "getNode" -> Query.GetNode::new;
                case "neighbors" -> id -> new Query.Neighbors(id, Direction.BOTH);
                case "twoHop" -> id -> new Query.Neighborhood(id, Direction.BOTH, 2, TWO_HOP_LIMIT);
                default -> throw new IllegalArgumentException("unknown query '" + name + "'; values: [getNode, neighbors, twoHop]");
            };
        }

        @Setup(Level.Iteration)
        public void start() {
            if (writes != null) {
                writes.start();
            }
            reads.start();
        }

        @TearDown(Level.Iteration)
        public void stop() {
            reads.stop();
            if (writes != null) {
                writes.stop();
            }
        }

        @TearDown(Level.Trial)
        public void closeClients() {
            reads.close();
            readerClients.forEach(GraphClient::close);
            if (writes != null) {
                writes.close();
                writerClients.close();
            }
        }
    }

    @Benchmark
    public Object completedRead(Reads reads) throws InterruptedException {
        return reads.reads.next();
    }
}
