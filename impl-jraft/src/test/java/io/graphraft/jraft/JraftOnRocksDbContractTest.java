package io.graphraft.jraft;

import io.graphraft.core.engine.ClusterSpec;
import io.graphraft.core.store.StoreKind;

/** The contract suite with the RocksDB graph store beside jraft's RocksDB log (two RocksDB instances per member). */
class JraftOnRocksDbContractTest extends JraftContractTest {
    @Override
    protected ClusterSpec.Builder configure(ClusterSpec.Builder builder) {
        return super.configure(builder).store(StoreKind.ROCKSDB);
    }
}
