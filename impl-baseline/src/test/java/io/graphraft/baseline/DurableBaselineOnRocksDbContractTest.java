package io.graphraft.baseline;

import io.graphraft.core.engine.ClusterSpec;
import io.graphraft.tck.EngineContractTest;

/** The same contract with the durable baseline's other log, RocksDB's WAL. */
class DurableBaselineOnRocksDbContractTest extends EngineContractTest {
    @Override
    protected String engineName() {
        return "baseline-durable";
    }

    @Override
    protected ClusterSpec.Builder configure(ClusterSpec.Builder builder) {
        return builder.option(LogKind.OPTION, LogKind.ROCKSDB.label());
    }
}
