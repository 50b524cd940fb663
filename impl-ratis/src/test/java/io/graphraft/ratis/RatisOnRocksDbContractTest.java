package io.graphraft.ratis;

import io.graphraft.core.engine.ClusterSpec;
import io.graphraft.core.store.StoreKind;
import org.junit.jupiter.api.Tag;

/** The contract suite with the RocksDB graph store, whose snapshots keep the checkpoint's files beside Ratis's snapshot file. */
@Tag("slow") // the same contract on another transport or store: runs after verify (-Pslow-suites)
class RatisOnRocksDbContractTest extends RatisContractTest {
    @Override
    protected ClusterSpec.Builder configure(ClusterSpec.Builder builder) {
        return super.configure(builder).store(StoreKind.ROCKSDB);
    }
}
