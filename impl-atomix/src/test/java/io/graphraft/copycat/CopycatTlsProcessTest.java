package io.graphraft.copycat;

import io.graphraft.cluster.Deployment;
import io.graphraft.cluster.LinkSettings;
import io.graphraft.cluster.Topology;
import io.graphraft.core.command.Query;
import io.graphraft.core.command.Result;
import io.graphraft.core.engine.Cluster;
import io.graphraft.core.engine.ClusterTls;
import io.graphraft.core.engine.Engines;
import io.graphraft.tck.ClusterFixture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * tls=on with every member in its own JVM: the node processes get {@code tls} through their spec
 * properties and read the keys the harness made in the cluster's data directory; a restarted member
 * (a cold JVM) reads them again.
 */
@Tag("process")
class CopycatTlsProcessTest {
    @TempDir
    Path temp;

    private ClusterFixture clusters;

    @AfterEach
    void close() {
        if (clusters != null) {
            clusters.close();
        }
    }

    @Test
    void membersInTheirOwnJvmsReplicateOverTlsAndSurviveARestart() {
        clusters = new ClusterFixture(Engines.byName("copycat"), temp, b -> new CopycatContractTest().configure(b).tls(true),
                Deployment.of(Topology.PROCESS).withLinkLayer(LinkSettings.NONE));
        Cluster cluster = clusters.started(clusters.spec(3));
        assertThat(Files.isRegularFile(ClusterTls.directory(cluster.spec()).resolve("n2.p12"))).isTrue();

        List<Long> ids = ClusterFixture.writeNodes(cluster.client(), 5);
        cluster.nodes().get(1).stop();
        cluster.nodes().get(1).restart();
        ids = new java.util.ArrayList<>(ids);
        ids.addAll(ClusterFixture.writeNodes(cluster.client(), 5));

        clusters.assertAllPresent(cluster.client(), ids);
        ClusterFixture.awaitConverged(cluster);
        assertThat(cluster.nodes().get(1).localRead(new Query.GetNode(ids.get(0)))).isInstanceOf(Result.NodeFound.class);
    }
}
