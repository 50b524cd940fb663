package io.graphraft.tck;

import io.graphraft.core.engine.Capabilities;
import io.graphraft.core.engine.ClusterLayout;
import io.graphraft.core.engine.ClusterSpec;
import io.graphraft.core.engine.Engine;
import io.graphraft.core.engine.EngineSupport;
import io.graphraft.core.engine.GraphClient;
import io.graphraft.core.engine.Member;
import io.graphraft.core.engine.MemberConfig;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** An engine that does what {@code delegate} does; a test overrides what it changes (its members' start, its clients). */
public abstract class ForwardingEngine implements Engine {
    private final Engine delegate;

    protected ForwardingEngine(Engine delegate) {
        this.delegate = delegate;
    }

    @Override
    public String name() {
        return delegate.name();
    }

    @Override
    public EngineSupport support() {
        return delegate.support();
    }

    @Override
    public Capabilities capabilities() {
        return delegate.capabilities();
    }

    @Override
    public String durabilitySemantics() {
        return delegate.durabilitySemantics();
    }

    @Override
    public Map<String, String> libraryVersions() {
        return delegate.libraryVersions();
    }

    @Override
    public List<String> jvmFlags() {
        return delegate.jvmFlags();
    }

    @Override
    public Optional<String> unsupported(ClusterSpec spec) {
        return delegate.unsupported(spec);
    }

    @Override
    public Member startMember(ClusterSpec spec, MemberConfig member) {
        return delegate.startMember(spec, member);
    }

    @Override
    public GraphClient connect(ClusterSpec spec, ClusterLayout layout) {
        return delegate.connect(spec, layout);
    }
}
