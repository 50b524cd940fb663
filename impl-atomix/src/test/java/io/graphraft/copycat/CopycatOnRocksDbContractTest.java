package io.graphraft.copycat;

import io.graphraft.core.engine.ClusterSpec;
import io.graphraft.core.store.StoreKind;
import org.junit.jupiter.api.Tag;

/** The contract suite with the RocksDB graph store: each state machine Copycat builds gets its own store directory. */
@Tag("slow") // the same contract on another transport or store: runs after verify (-Pslow-suites)
class CopycatOnRocksDbContractTest extends CopycatContractTest {
    @Override
    protected ClusterSpec.Builder configure(ClusterSpec.Builder builder) {
        return super.configure(builder).store(StoreKind.ROCKSDB);
    }
}
