package io.graphraft.jraft;

import io.graphraft.core.engine.ClusterSpec;
import io.graphraft.core.store.StoreKind;
import org.junit.jupiter.api.Tag;

/** The contract suite with the RocksDB graph store beside jraft's RocksDB log (two RocksDB instances per member). */
@Tag("slow") // the same contract on another transport or store: runs after verify (-Pslow-suites)
class JraftOnRocksDbContractTest extends JraftContractTest {
    @Override
    protected ClusterSpec.Builder configure(ClusterSpec.Builder builder) {
        return super.configure(builder).store(StoreKind.ROCKSDB);
    }
}
