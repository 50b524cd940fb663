package io.graphraft.core.engine;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/** An engine's capabilities: everything is supported unless declared a gap, with the reason. */
public final class Capabilities {
    private final Map<Capability, String> gaps;

    private Capabilities(Map<Capability, String> gaps) {
        this.gaps = Collections.unmodifiableMap(new EnumMap<>(gaps));
    }

    public static Capabilities all() {
        return new Capabilities(new EnumMap<>(Capability.class));
    }

    /** A copy with one more gap. */
    public Capabilities withGap(Capability capability, String reason) {
        EnumMap<Capability, String> more = new EnumMap<>(Capability.class);
        more.putAll(gaps);
        more.put(capability, reason);
        return new Capabilities(more);
    }

    public boolean supports(Capability capability) {
        return !gaps.containsKey(capability);
    }

    /** Why the engine lacks {@code capability}, or empty if it has it. */
    public Optional<String> gap(Capability capability) {
        return Optional.ofNullable(gaps.get(capability));
    }

    public Map<Capability, String> gaps() {
        return gaps;
    }

    @Override
    public String toString() {
        return gaps.isEmpty() ? "all capabilities" : "gaps " + gaps;
    }
}
