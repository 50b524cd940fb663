package io.graphraft.jraft;

import io.graphraft.core.engine.ClusterSpec;
import org.junit.jupiter.api.Tag;

/** The contract suite with {@code tls=on}: SOFABolt's TLS on every peer and client connection, through the link layer. */
@Tag("slow") // the same contract on another transport or store: runs after verify (-Pslow-suites)
class JraftTlsContractTest extends JraftContractTest {
    @Override
    protected ClusterSpec.Builder configure(ClusterSpec.Builder builder) {
        return super.configure(builder).tls(true);
    }
}
