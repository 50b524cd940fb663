package io.graphraft.copycat;

import io.atomix.copycat.server.state.ServerContext;
import io.atomix.copycat.server.storage.snapshot.Snapshot;
import io.atomix.copycat.server.storage.snapshot.SnapshotDescriptor;
import io.graphraft.core.command.Command;
import io.graphraft.core.command.Query;
import io.graphraft.core.command.Result;
import io.graphraft.core.engine.ClusterLayout;
import io.graphraft.core.engine.ClusterSpec;
import io.graphraft.core.engine.Engine;
import io.graphraft.core.engine.Engines;
import io.graphraft.core.engine.GraphClient;
import io.graphraft.core.engine.MemberConfig;
import io.graphraft.core.engine.ReadConsistency;
import io.graphraft.core.util.LoopbackPorts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A snapshot on demand beside the snapshots Copycat takes on its own when a log segment fills. */
class CopycatSnapshotsTest {
    private static final Duration CONVERGENCE = Duration.ofSeconds(30);

    @TempDir
    Path temp;

    /**
     * Copycat completes its own snapshot only at the next session keep-alive; with the client closed
     * none comes, so a snapshot on demand that waited for it would find it gone by the time it finished.
     */
    @Test
    void aSnapshotOnDemandDoesNotWaitForCopycatsPendingOneAndRemovesItsFile() throws IOException {
        Engine copycat = Engines.byName("copycat");
        ClusterSpec spec = ClusterSpec.builder(temp).nodes(1).snapshotThreshold(20).build();
        ClusterLayout layout = oneServer("pending-snapshot");
        CopycatMember member = (CopycatMember) copycat.startMember(spec, MemberConfig.direct(layout, 0));
        Result expected;
        try {
            ServerContext context = CopycatInternals.context(member.running());
            // written entries roll segments, so Copycat snapshots on its own; a few more follow its snapshot
            Snapshot pending = await("a snapshot of Copycat's own still pending once the client closed")
                    .atMost(CONVERGENCE).until(() -> {
                        try (GraphClient client = copycat.connect(spec, layout)) {
                            await().atMost(CONVERGENCE).until(() -> {
                                write(client, 5);
                                return onServerThread(context, () -> CopycatInternals.pendingSnapshot(context));
                            }, s -> s != null);
                            write(client, 3);
                        }
                        return onServerThread(context, () -> CopycatInternals.pendingSnapshot(context));
                    }, s -> s != null);
            long lastApplied = onServerThread(context, () -> CopycatInternals.lastApplied(context));
            assertThat(pending.index()).isLessThan(lastApplied);

            member.takeSnapshot();

            assertThat(onServerThread(context, () -> CopycatInternals.pendingSnapshot(context)))
                    .as("Copycat's own snapshot, not waited for").isSameAs(pending);
            long current = onServerThread(context, () -> CopycatSnapshots.currentIndex(context));
            assertThat(current).isGreaterThanOrEqualTo(lastApplied);
            assertThat(snapshotFiles(spec)).as("snapshot files: the current one only")
                    .singleElement().asString().contains("-" + current + "-");
            expected = member.localRead(new Query.Count());
        } finally {
            member.close();
        }

        CopycatMember restarted = (CopycatMember) copycat.startMember(spec, MemberConfig.direct(layout, 0));
        try (GraphClient client = copycat.connect(spec, layout)) {
            assertThat(client.read(new Query.Count(), ReadConsistency.LINEARIZABLE).join()).isEqualTo(expected);
        } finally {
            restarted.close();
        }
    }

    /** Copycat grows a snapshot file by doubling its length; the tail it never wrote is not snapshot. */
    @Test
    void aSnapshotsSizeIsTheBytesItHoldsNotItsFilesLength() throws IOException {
        Engine copycat = Engines.byName("copycat");
        ClusterSpec spec = ClusterSpec.builder(temp).nodes(1).build();
        ClusterLayout layout = oneServer("snapshot-size");
        CopycatMember member = (CopycatMember) copycat.startMember(spec, MemberConfig.direct(layout, 0));
        try (GraphClient client = copycat.connect(spec, layout)) {
            write(client, 10);
            member.takeSnapshot();

            long held = SnapshotDescriptor.BYTES + Integer.BYTES + graphSnapshotBytes(member);
            assertThat(member.snapshotSizeBytes()).isEqualTo(held);
            member.close();
            assertThat(member.snapshotSizeBytes()).as("stopped").isEqualTo(held);
        } finally {
            member.close();
        }
    }

    private static ClusterLayout oneServer(String name) {
        return new ClusterLayout(name, List.of(new InetSocketAddress(LoopbackPorts.IPV4, LoopbackPorts.free(1).get(0))));
    }

    private static void write(GraphClient client, int count) {
        for (int i = 0; i < count; i++) {
            assertThat(client.submit(Command.CreateNode.of("N", Map.of("i", (long) i))).join()).isInstanceOf(Result.Applied.class);
        }
    }

    /** Bytes of the graph's own snapshot of its current state. */
    private static long graphSnapshotBytes(CopycatMember member) throws IOException {
        ByteArrayOutputStream snapshot = new ByteArrayOutputStream();
        member.graph().writeSnapshot(snapshot);
        return snapshot.size();
    }

    private static <T> T onServerThread(ServerContext context, Supplier<T> read) {
        return context.getThreadContext().execute(read).join();
    }

    private static List<String> snapshotFiles(ClusterSpec spec) throws IOException {
        // Names only (no attributes read): compaction may delete a log segment of the same directory meanwhile.
        try (Stream<Path> files = Files.list(spec.nodeDirectory(0).resolve("copycat"))) {
            return files.map(p -> p.getFileName().toString()).filter(name -> name.endsWith(".snapshot")).toList();
        }
    }
}
