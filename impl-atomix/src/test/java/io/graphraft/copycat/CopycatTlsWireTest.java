package io.graphraft.copycat;

import io.graphraft.tck.EngineContractTest;
import io.graphraft.tck.TlsWireTest;

class CopycatTlsWireTest extends TlsWireTest {
    @Override
    protected EngineContractTest contract() {
        return new CopycatContractTest();
    }
}
