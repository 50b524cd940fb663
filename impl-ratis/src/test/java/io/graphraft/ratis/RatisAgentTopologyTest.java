package io.graphraft.ratis;

import io.graphraft.tck.AgentTopologyTest;

class RatisAgentTopologyTest extends AgentTopologyTest {
    @Override
    protected String engineName() {
        return "ratis";
    }
}
