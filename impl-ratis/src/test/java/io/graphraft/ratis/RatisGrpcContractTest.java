package io.graphraft.ratis;

import io.graphraft.cluster.Deployment;
import io.graphraft.core.engine.ClusterSpec;
import org.junit.jupiter.api.Tag;

/**
 * The whole contract again over Ratis's gRPC transport (option {@code rpc=grpc}), whose peer traffic
 * cannot be routed through the link layer (see {@link RoutedServerRpc}): the cases that cut links
 * are skipped for it.
 */
@Tag("slow") // the same contract on another transport or store: runs after verify (-Pslow-suites)
class RatisGrpcContractTest extends RatisContractTest {
    @Override
    protected ClusterSpec.Builder configure(ClusterSpec.Builder builder) {
        return super.configure(builder).option(RatisTransport.OPTION, RatisTransport.GRPC.label());
    }

    @Override
    protected Deployment deployment() {
        return Deployment.inJvm();
    }
}
