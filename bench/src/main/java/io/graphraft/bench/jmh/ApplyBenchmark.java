package io.graphraft.bench.jmh;

import io.graphraft.bench.load.WriteCommands;
import io.graphraft.bench.run.DataDirectories;
import io.graphraft.core.codec.CodecKind;
import io.graphraft.core.command.Command;
import io.graphraft.core.statemachine.GraphStateMachine;
import io.graphraft.core.store.StoreKind;
import io.graphraft.core.util.Directories;
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

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The state machine alone: what one CreateNode costs to apply, by store and codec. {@code codec=none}
 * applies the decoded command (the seed's "no Raft" 1.3 µs); {@code binary}/{@code json} start from
 * the encoded log entry and return encoded result bytes, as every engine does.
 *
 * <p>The RocksDB store grows for a whole iteration (its data lives off the heap). The heap store is
 * replaced by an empty one every {@value #HEAP_NODES_PER_STORE} nodes, so its nodes die young:
 * otherwise an iteration piles millions of nodes on the heap and the score swings with how the
 * collector promotes them (by an order of magnitude between iterations), not with apply.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class ApplyBenchmark {
    static final int HEAP_NODES_PER_STORE = 1 << 12;

    @Param({"heap", "rocksdb"})
    public String store;

    @Param({"none", "binary", "json"})
    public String codec;

    private Path directory;
    private GraphStateMachine stateMachine;
    private CodecKind codecKind;
    private byte[] encoded;
    private boolean decodedPath;
    private boolean boundedStore;
    private long index;

    @Setup(Level.Iteration)
    public void open() {
        directory = DataDirectories.fresh("apply");
        decodedPath = codec.equals("none");
        codecKind = decodedPath ? CodecKind.BINARY : CodecKind.parse(codec);
        boundedStore = StoreKind.parse(store) == StoreKind.HEAP;
        encoded = codecKind.codec().encodeCommand(WriteCommands.CREATE_NODE);
        openStateMachine();
    }

    private void openStateMachine() {
        stateMachine = GraphStateMachine.open(StoreKind.parse(store), directory.resolve("store"), codecKind.codec());
        index = 0;
    }

    @TearDown(Level.Iteration)
    public void close() {
        stateMachine.close();
        Directories.deleteRecursively(directory);
    }

    @Benchmark
    public Object apply() {
        if (boundedStore && index == HEAP_NODES_PER_STORE) {
            openStateMachine(); // the full heap store is left to the collector: clearing it would be measured
        }
        return decodedPath ? stateMachine.apply(++index, WriteCommands.CREATE_NODE) : stateMachine.apply(++index, encoded);
    }
}
