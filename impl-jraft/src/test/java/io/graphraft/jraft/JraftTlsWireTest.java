package io.graphraft.jraft;

import io.graphraft.tck.EngineContractTest;
import io.graphraft.tck.TlsWireTest;

class JraftTlsWireTest extends TlsWireTest {
    @Override
    protected EngineContractTest contract() {
        return new JraftContractTest();
    }
}
