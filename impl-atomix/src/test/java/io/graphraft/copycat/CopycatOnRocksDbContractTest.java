package io.graphraft.copycat;

import io.graphraft.core.engine.ClusterSpec;
import io.graphraft.core.store.StoreKind;

/** The contract suite with the RocksDB graph store: each state machine Copycat builds gets its own store directory. */
class CopycatOnRocksDbContractTest extends CopycatContractTest {
    @Override
    protected ClusterSpec.Builder configure(ClusterSpec.Builder builder) {
        return super.configure(builder).store(StoreKind.ROCKSDB);
    }
}
