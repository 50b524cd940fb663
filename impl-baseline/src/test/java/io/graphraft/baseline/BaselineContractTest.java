package io.graphraft.baseline;

import io.graphraft.tck.EngineContractTest;

class BaselineContractTest extends EngineContractTest {
    @Override
    protected String engineName() {
        return "baseline";
    }
}
