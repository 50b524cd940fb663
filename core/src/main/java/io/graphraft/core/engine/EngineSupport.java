package io.graphraft.core.engine;

import io.graphraft.core.store.StoreKind;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * What cluster specs an engine accepts: node counts, durabilities, stores, optional settings and
 * engine options with their allowed values. Checked before an engine starts, so an unsupported
 * setting fails fast with a message naming it, and benchmarks can skip with that message.
 */
public final class EngineSupport {
    private final Set<Integer> nodeCounts;
    private final Set<Durability> durabilities;
    private final Set<StoreKind> stores;
    private final Set<Setting<?>> settings;
    private final Map<String, List<String>> options;

    private EngineSupport(Builder b) {
        this.nodeCounts = Set.copyOf(b.nodeCounts);
        this.durabilities = Set.copyOf(b.durabilities);
        this.stores = Set.copyOf(b.stores);
        this.settings = Set.copyOf(b.settings);
        this.options = Map.copyOf(b.options);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Why {@code engine} cannot run {@code spec}, or empty if it can. */
    public Optional<String> unsupported(String engine, ClusterSpec spec) {
        if (!nodeCounts.contains(spec.nodes())) {
            return Optional.of("engine '" + engine + "' does not support nodes=" + spec.nodes()
                    + " (supported: " + new TreeSet<>(nodeCounts) + ")");
        }
        if (!durabilities.contains(spec.durability())) {
            return Optional.of("engine '" + engine + "' does not support durability=" + spec.durability()
                    + " (supported: " + durabilities + ")");
        }
        if (!stores.contains(spec.store())) {
            return Optional.of("engine '" + engine + "' does not support store=" + spec.store().label());
        }
        for (Setting<?> setting : spec.explicitSettings()) {
            if (!settings.contains(setting)) {
                return Optional.of("engine '" + engine + "' does not support the setting '" + setting.key() + "'");
            }
        }
        for (Map.Entry<String, String> option : spec.options().entrySet()) {
            List<String> allowed = options.get(option.getKey());
            if (allowed == null) {
                return Optional.of("engine '" + engine + "' has no option '" + option.getKey() + "' (options: "
                        + new TreeSet<>(options.keySet()) + ")");
            }
            if (!allowed.isEmpty() && !allowed.contains(option.getValue())) {
                return Optional.of("engine '" + engine + "' option '" + option.getKey() + "' does not accept '"
                        + option.getValue() + "' (accepted: " + allowed + ")");
            }
        }
        return Optional.empty();
    }

    /** @throws UnsupportedSettingException naming the first unsupported setting */
    public void require(String engine, ClusterSpec spec) {
        Optional<String> reason = unsupported(engine, spec);
        if (reason.isPresent()) {
            throw new UnsupportedSettingException(reason.get());
        }
    }

    public Map<String, List<String>> options() {
        return options;
    }

    public static final class Builder {
        private final Set<Integer> nodeCounts = new TreeSet<>(List.of(1));
        private final Set<Durability> durabilities = EnumSet.allOf(Durability.class);
        private final Set<StoreKind> stores = EnumSet.allOf(StoreKind.class);
        private final Set<Setting<?>> settings = new java.util.LinkedHashSet<>();
        private final Map<String, List<String>> options = new LinkedHashMap<>();

        public Builder nodeCounts(Integer... counts) {
            nodeCounts.clear();
            nodeCounts.addAll(Arrays.asList(counts));
            return this;
        }

        public Builder durabilities(Durability... values) {
            durabilities.clear();
            durabilities.addAll(Arrays.asList(values));
            return this;
        }

        public Builder settings(Setting<?>... values) {
            settings.addAll(Arrays.asList(values));
            return this;
        }

        /** An engine option and the values it accepts (none listed: any value). */
        public Builder option(String key, String... allowedValues) {
            options.put(key, List.of(allowedValues));
            return this;
        }

        public EngineSupport build() {
            return new EngineSupport(this);
        }
    }
}
