package io.graphraft.ratis;

import io.graphraft.core.engine.ClusterSpec;

/**
 * The contract suite over gRPC with {@code tls=on}: mutual TLS on every peer, client and admin
 * connection. Like {@link RatisGrpcContractTest} (tagged slow, which JUnit inherits), without the link layer.
 */
class RatisGrpcTlsContractTest extends RatisGrpcContractTest {
    @Override
    protected ClusterSpec.Builder configure(ClusterSpec.Builder builder) {
        return super.configure(builder).tls(true);
    }
}
