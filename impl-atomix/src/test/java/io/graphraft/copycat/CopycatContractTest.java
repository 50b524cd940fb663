package io.graphraft.copycat;

import io.graphraft.tck.EngineContractTest;

class CopycatContractTest extends EngineContractTest {
    @Override
    protected String engineName() {
        return "copycat";
    }
}
