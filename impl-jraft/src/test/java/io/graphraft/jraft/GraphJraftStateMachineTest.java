package io.graphraft.jraft;

import com.alipay.sofa.jraft.Status;
import com.alipay.sofa.jraft.entity.RaftOutter.SnapshotMeta;
import com.alipay.sofa.jraft.error.RaftError;
import com.alipay.sofa.jraft.option.RaftOptions;
import com.alipay.sofa.jraft.storage.snapshot.SnapshotReader;
import com.alipay.sofa.jraft.storage.snapshot.SnapshotWriter;
import com.alipay.sofa.jraft.storage.snapshot.local.LocalSnapshotStorage;
import io.graphraft.core.codec.CodecKind;
import io.graphraft.core.command.Command;
import io.graphraft.core.command.Query;
import io.graphraft.core.command.Result;
import io.graphraft.core.statemachine.GraphStateMachine;
import io.graphraft.core.store.StoreKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The snapshot layouts the adapter writes and reads, through jraft's own local snapshot storage (the
 * writer, meta table and reader a node uses), without a cluster.
 */
class GraphJraftStateMachineTest {
    @TempDir
    Path temp;

    @ParameterizedTest(name = "store={0}")
    @EnumSource(StoreKind.class)
    void aSnapshotIsTheGraphsDirectoryWithEveryFileListedAndItLoads(StoreKind store) throws IOException {
        try (GraphStateMachine source = filled(store, "source");
             GraphStateMachine target = GraphStateMachine.open(store, temp.resolve("target"), CodecKind.BINARY.codec())) {
            LocalSnapshotStorage storage = storage();
            SnapshotWriter writer = storage.create();
            Status saved = save(adapter(source), writer);
            assertThat(saved.isOk()).as("onSnapshotSave: %s", saved).isTrue();
            close(writer, source.lastAppliedIndex());

            try (SnapshotReader reader = storage.open()) {
                assertThat(reader.listFiles()).as("jraft lists every file of the graph's directory, nothing else")
                        .containsExactlyInAnyOrderElementsOf(filesBelow(Path.of(reader.getPath()), GraphJraftStateMachine.SNAPSHOT_DIRECTORY));
                if (store == StoreKind.ROCKSDB) {
                    assertThat(reader.listFiles()).contains(GraphJraftStateMachine.DIRECTORY_SNAPSHOT_FILE)
                            .anyMatch(name -> name.startsWith(GraphJraftStateMachine.SNAPSHOT_DIRECTORY + "/files/") && name.endsWith(".sst"));
                } else {
                    assertThat(reader.listFiles()).containsExactly(GraphJraftStateMachine.DIRECTORY_SNAPSHOT_FILE);
                }
                GraphJraftStateMachine loading = adapter(target);
                assertThat(loading.onSnapshotLoad(reader)).isTrue();
                assertThat(loading.loadFailure()).isNull();
            }
            assertSameGraph(target, source);
        }
    }

    @ParameterizedTest(name = "store={0}")
    @EnumSource(StoreKind.class)
    void aSnapshotWrittenAsTheOldSingleFileStillLoads(StoreKind store) throws IOException {
        try (GraphStateMachine source = filled(store, "source");
             GraphStateMachine target = GraphStateMachine.open(store, temp.resolve("target"), CodecKind.BINARY.codec())) {
            LocalSnapshotStorage storage = storage();
            SnapshotWriter writer = storage.create();
            source.writeSnapshot(Path.of(writer.getPath(), GraphJraftStateMachine.LEGACY_SNAPSHOT_FILE)); // as the adapter wrote it before
            assertThat(writer.addFile(GraphJraftStateMachine.LEGACY_SNAPSHOT_FILE)).isTrue();
            close(writer, source.lastAppliedIndex());

            try (SnapshotReader reader = storage.open()) {
                assertThat(reader.listFiles()).containsExactly(GraphJraftStateMachine.LEGACY_SNAPSHOT_FILE);
                GraphJraftStateMachine loading = adapter(target);
                assertThat(loading.onSnapshotLoad(reader)).isTrue();
                assertThat(loading.loadFailure()).isNull();
            }
            assertSameGraph(target, source);
        }
    }

    @Test
    void aSnapshotListingNeitherLayoutIsRefusedNamingWhatIsMissingAndTheGraphStaysAsItWas() throws IOException {
        try (GraphStateMachine source = filled(StoreKind.HEAP, "source");
             GraphStateMachine target = GraphStateMachine.open(StoreKind.HEAP, temp.resolve("target"), CodecKind.BINARY.codec())) {
            target.apply(1, Command.CreateNode.of("already here", Map.of()));
            Result before = target.query(new Query.Digest());
            LocalSnapshotStorage storage = storage();
            SnapshotWriter writer = storage.create();
            // a whole graph snapshot, but under a name the adapter never wrote: it must not be guessed at
            source.writeSnapshot(Path.of(writer.getPath(), "other.snapshot"));
            assertThat(writer.addFile("other.snapshot")).isTrue();
            close(writer, source.lastAppliedIndex());

            try (SnapshotReader reader = storage.open()) {
                GraphJraftStateMachine loading = adapter(target);
                assertThat(loading.onSnapshotLoad(reader)).isFalse();
                assertThat(loading.loadFailure()).contains(reader.getPath())
                        .contains("lists neither " + GraphJraftStateMachine.DIRECTORY_SNAPSHOT_FILE + " nor " + GraphJraftStateMachine.LEGACY_SNAPSHOT_FILE)
                        .contains("other.snapshot");
            }
            assertThat(target.query(new Query.Digest())).isEqualTo(before);
            assertThat(target.lastAppliedIndex()).isEqualTo(1);
        }
    }

    @Test
    void aSnapshotThatCannotBeWrittenIsAnIoErrorAndRegistersNothing() throws IOException {
        try (GraphStateMachine source = filled(StoreKind.HEAP, "source")) {
            SnapshotWriter writer = storage().create();
            Files.createDirectories(Path.of(writer.getPath(), GraphJraftStateMachine.SNAPSHOT_DIRECTORY)); // in the way

            Status saved = save(adapter(source), writer);
            assertThat(saved.getRaftError()).isEqualTo(RaftError.EIO);
            assertThat(saved.getErrorMsg()).contains("cannot write the graph snapshot").contains("already exists");
            assertThat(writer.listFiles()).isEmpty();
        }
    }

    // ---------------------------------------------------------------- helpers

    /** A graph of a few nodes and edges, then one deleted, applied at indexes 1.. */
    private GraphStateMachine filled(StoreKind store, String name) {
        GraphStateMachine graph = GraphStateMachine.open(store, temp.resolve(name), CodecKind.BINARY.codec());
        long index = 0;
        long previous = -1;
        for (int i = 0; i < 20; i++) {
            long id = ((Result.Applied) graph.apply(++index, Command.CreateNode.of("N", Map.of("i", (long) i)))).id();
            if (previous > 0) {
                graph.apply(++index, Command.CreateEdge.of(previous, id, "NEXT", Map.of()));
            }
            previous = id;
        }
        graph.apply(++index, new Command.DeleteNode(previous));
        return graph;
    }

    private LocalSnapshotStorage storage() {
        LocalSnapshotStorage storage = new LocalSnapshotStorage(temp.resolve("snapshot").toString(), null, new RaftOptions());
        assertThat(storage.init(null)).isTrue();
        return storage;
    }

    private static GraphJraftStateMachine adapter(GraphStateMachine graph) {
        return new GraphJraftStateMachine("n0", graph, reason -> {
            throw new AssertionError("no snapshot test stops the member: " + reason);
        });
    }

    private static Status save(GraphJraftStateMachine adapter, SnapshotWriter writer) {
        CompletableFuture<Status> done = new CompletableFuture<>();
        adapter.onSnapshotSave(writer, done::complete);
        return done.join(); // onSnapshotSave runs done before it returns
    }

    /** What jraft does once the state machine saved: writes the meta and renames the writer's directory into place. */
    private static void close(SnapshotWriter writer, long lastIncludedIndex) throws IOException {
        assertThat(writer.saveMeta(SnapshotMeta.newBuilder().setLastIncludedIndex(lastIncludedIndex).setLastIncludedTerm(1).build())).isTrue();
        writer.close();
        assertThat(writer.isOk()).as("jraft closed the snapshot: %s", writer).isTrue();
    }

    private static List<String> filesBelow(Path root, String directory) throws IOException {
        try (Stream<Path> walk = Files.walk(root.resolve(directory))) {
            return walk.filter(Files::isRegularFile).map(file -> root.relativize(file).toString()).toList();
        }
    }

    private static void assertSameGraph(GraphStateMachine restored, GraphStateMachine source) {
        assertThat(restored.query(new Query.Digest())).isEqualTo(source.query(new Query.Digest()));
        assertThat(restored.query(new Query.Count())).isEqualTo(new Result.Counts(19, 18));
        assertThat(restored.lastAppliedIndex()).isEqualTo(source.lastAppliedIndex());
    }
}
