package io.graphraft.ratis;

import io.graphraft.core.engine.ClusterSpec;

/** The whole contract again over Ratis's gRPC transport (option {@code rpc=grpc}). */
class RatisGrpcContractTest extends RatisContractTest {
    @Override
    protected ClusterSpec.Builder configure(ClusterSpec.Builder builder) {
        return super.configure(builder).option(RatisTransport.OPTION, RatisTransport.GRPC.label());
    }
}
