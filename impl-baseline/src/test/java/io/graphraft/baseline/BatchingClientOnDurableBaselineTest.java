package io.graphraft.baseline;

import io.graphraft.cluster.Clusters;
import io.graphraft.core.client.BatchPolicy;
import io.graphraft.core.client.BatchingGraphClient;
import io.graphraft.core.command.Command;
import io.graphraft.core.command.Query;
import io.graphraft.core.command.Result;
import io.graphraft.core.engine.Cluster;
import io.graphraft.core.engine.ClusterSpec;
import io.graphraft.core.engine.EngineUnavailableException;
import io.graphraft.core.engine.Engines;
import io.graphraft.core.engine.NodeHandle;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The batching decorator over a real engine: the durable baseline, forcing its log to disk before it
 * answers. Entries are counted by the node's last applied index, one per log entry.
 */
class BatchingClientOnDurableBaselineTest {
    private static final Duration WAIT = Duration.ofSeconds(60);

    @TempDir
    Path temp;

    private Cluster start(String name) throws Exception {
        Path directory = Files.createDirectory(temp.resolve(name));
        Cluster cluster = Clusters.start(Engines.byName("baseline-durable"), ClusterSpec.builder(directory).build());
        cluster.awaitLeader(WAIT);
        return cluster;
    }

    private static Command.CreateNode node(long i) {
        return Command.CreateNode.of("N", Map.of("i", i));
    }

    private static List<Result> join(List<CompletableFuture<Result>> futures) {
        return futures.stream().map(f -> f.orTimeout(WAIT.toSeconds(), TimeUnit.SECONDS).join()).toList();
    }

    @Test
    void manyConcurrentWritersEachGetTheirOwnResultInFarFewerLogEntriesThanWrites() throws Exception {
        int writers = 64;
        int writesEach = 200;
        try (Cluster cluster = start("concurrent");
             BatchingGraphClient client = BatchingGraphClient.batching(cluster.client(), BatchPolicy.auto())) {
            NodeHandle node = cluster.nodes().get(0);
            long before = node.lastAppliedIndex();
            ExecutorService threads = Executors.newFixedThreadPool(writers);
            List<Future<List<Result>>> perWriter = new ArrayList<>();
            try {
                for (int w = 0; w < writers; w++) {
                    long writer = w;
                    perWriter.add(threads.submit(() -> {
                        List<Result> mine = new ArrayList<>();
                        for (int i = 0; i < writesEach; i++) {
                            mine.add(client.submit(node(writer * 1000 + i)).get(WAIT.toSeconds(), TimeUnit.SECONDS));
                        }
                        return mine;
                    }));
                }
                Set<Long> ids = new HashSet<>();
                for (Future<List<Result>> writer : perWriter) {
                    List<Result> mine = writer.get(WAIT.toSeconds(), TimeUnit.SECONDS);
                    assertThat(mine).hasSize(writesEach).allMatch(r -> r instanceof Result.Applied);
                    mine.forEach(r -> ids.add(((Result.Applied) r).id()));
                }
                assertThat(ids).as("every write its own id").hasSize(writers * writesEach);
            } finally {
                threads.shutdownNow();
            }
            long entries = node.lastAppliedIndex() - before;
            assertThat(node.localRead(new Query.Count())).isEqualTo(new Result.Counts(writers * writesEach, 0));
            assertThat(entries).as("log entries for %d writes", writers * writesEach)
                    .isEqualTo(client.entriesSent())
                    .isLessThan(writers * writesEach / 8);
        }
    }

    /**
     * A fixed sequence queued by one thread (so its order is fixed) through the decorator on one
     * cluster, and sent one write at a time without it on another: the same result for every caller and
     * the same graph.
     */
    @Test
    void aSequenceGivesTheSameResultsAndGraphBatchedAsUnbatched() throws Exception {
        List<Command> sequence = sequence(300);
        try (Cluster plain = start("plain"); Cluster batched = start("batched");
             BatchingGraphClient client = BatchingGraphClient.batching(batched.client(), BatchPolicy.auto())) {
            List<Result> expected = new ArrayList<>();
            for (Command command : sequence) {
                expected.add(plain.client().submit(command).orTimeout(WAIT.toSeconds(), TimeUnit.SECONDS).join());
            }
            assertThat(expected).as("the sequence exercises failing commands").anyMatch(Result::isError);

            List<Result> actual = join(sequence.stream().map(client::submit).toList());

            assertThat(actual).isEqualTo(expected);
            assertThat(batched.nodes().get(0).localRead(new Query.Digest()))
                    .isEqualTo(plain.nodes().get(0).localRead(new Query.Digest()));
            assertThat(batched.nodes().get(0).lastAppliedIndex()).isEqualTo(client.entriesSent());
        }
    }

    /** Creates, edges (some to missing nodes), updates and deletes (some of missing ones), and callers' own batches. */
    private static List<Command> sequence(int count) {
        List<Command> commands = new ArrayList<>();
        long nodes = 0;
        for (int i = 0; i < count; i++) {
            switch (i % 6) {
                case 0, 3 -> {
                    commands.add(node(i));
                    nodes++;
                }
                case 1 -> commands.add(Command.CreateEdge.of(nodes, nodes + (i % 4 == 1 ? 1 : -1), "E", Map.of("i", (long) i)));
                case 2 -> commands.add(Command.UpdateNode.of(i % 5 == 0 ? nodes + 10 : nodes, Map.of("u", (long) i)));
                case 4 -> commands.add(new Command.DeleteNode(i % 4 == 0 ? nodes - 1 : nodes + 10));
                default -> {
                    commands.add(new Command.Batch(List.of(node(i), Command.UpdateNode.of(nodes + 20, Map.of()))));
                    nodes++;
                }
            }
        }
        return commands;
    }

    @Test
    void aLoneWriterSendsOneLogEntryPerWrite() throws Exception {
        try (Cluster cluster = start("lone");
             BatchingGraphClient client = BatchingGraphClient.batching(cluster.client(), BatchPolicy.auto())) {
            NodeHandle node = cluster.nodes().get(0);
            long before = node.lastAppliedIndex();
            for (int i = 0; i < 30; i++) {
                assertThat(client.submit(node(i)).orTimeout(WAIT.toSeconds(), TimeUnit.SECONDS).join())
                        .isEqualTo(new Result.Applied(i + 1));
            }
            assertThat(node.lastAppliedIndex() - before).isEqualTo(30);
            assertThat(client.commandsSent()).isEqualTo(30);
        }
    }

    @Test
    void whenTheNodeIsDownEveryCallerGetsTheEnginesFailureAndNothingIsApplied() throws Exception {
        try (Cluster cluster = start("down");
             BatchingGraphClient client = BatchingGraphClient.batching(cluster.client(), BatchPolicy.auto())) {
            NodeHandle node = cluster.nodes().get(0);
            node.stop();
            List<CompletableFuture<Result>> futures = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                futures.add(client.submit(node(i)));
            }
            for (CompletableFuture<Result> future : futures) {
                assertThat(future).failsWithin(WAIT).withThrowableOfType(java.util.concurrent.ExecutionException.class)
                        .havingCause().isInstanceOf(EngineUnavailableException.class).withMessageContaining("not running");
            }
            node.restart();
            cluster.awaitLeader(WAIT);
            assertThat(node.localRead(new Query.Count())).isEqualTo(new Result.Counts(0, 0));
            assertThat(client.submit(node(0)).orTimeout(WAIT.toSeconds(), TimeUnit.SECONDS).join())
                    .as("the client carries on").isEqualTo(new Result.Applied(1));
        }
    }

    /**
     * A stop while writes are queued and in flight: entries keep the callers' order and share their
     * fate, so the callers that got an id are a prefix of the sequence, the rest failed, and exactly the
     * answered writes survive the restart.
     */
    @Test
    void aStopMidStreamAnswersAPrefixAndFailsTheRestAndKeepsExactlyTheAnsweredWrites() throws Exception {
        try (Cluster cluster = start("stopped");
             BatchingGraphClient client = BatchingGraphClient.batching(cluster.client(), BatchPolicy.auto())) {
            NodeHandle node = cluster.nodes().get(0);
            List<CompletableFuture<Result>> futures = new ArrayList<>();
            for (int i = 0; i < 2000; i++) {
                futures.add(client.submit(node(i)));
            }
            node.stop();
            int answered = 0;
            while (answered < futures.size() && succeeded(futures.get(answered))) {
                assertThat(futures.get(answered).join()).isEqualTo(new Result.Applied(answered + 1));
                answered++;
            }
            for (CompletableFuture<Result> failed : futures.subList(answered, futures.size())) {
                assertThat(failed).failsWithin(WAIT).withThrowableOfType(java.util.concurrent.ExecutionException.class)
                        .havingCause().isInstanceOf(EngineUnavailableException.class);
            }
            node.restart();
            cluster.awaitLeader(WAIT);
            assertThat(node.localRead(new Query.Count())).isEqualTo(new Result.Counts(answered, 0));
        }
    }

    private static boolean succeeded(CompletableFuture<Result> future) {
        try {
            future.orTimeout(WAIT.toSeconds(), TimeUnit.SECONDS).join();
            return true;
        } catch (CompletionException e) {
            return false;
        }
    }
}
