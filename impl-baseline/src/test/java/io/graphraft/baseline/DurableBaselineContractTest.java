package io.graphraft.baseline;

import io.graphraft.tck.EngineContractTest;

class DurableBaselineContractTest extends EngineContractTest {
    @Override
    protected String engineName() {
        return "baseline-durable";
    }
}
