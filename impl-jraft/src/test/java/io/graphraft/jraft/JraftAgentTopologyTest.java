package io.graphraft.jraft;

import io.graphraft.tck.AgentTopologyTest;

class JraftAgentTopologyTest extends AgentTopologyTest {
    @Override
    protected String engineName() {
        return "jraft";
    }
}
