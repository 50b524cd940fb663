package io.graphraft.cluster.process;

import io.graphraft.core.engine.ClusterSpec;
import io.graphraft.core.engine.Setting;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A {@link ClusterSpec} as string properties and back, for the launch of a node process: the data
 * directory, every setting with a value under its parameter name, and engine options as
 * {@code option.<key>}.
 */
public final class SpecProperties {
    private static final String DATA_DIRECTORY = "dataDirectory";
    private static final String OPTION = "option.";

    private SpecProperties() {
    }

    public static Map<String, String> of(ClusterSpec spec) {
        Map<String, String> out = new LinkedHashMap<>();
        out.put(DATA_DIRECTORY, spec.dataDirectory().toAbsolutePath().toString());
        for (Setting<?> setting : Setting.ALL) {
            put(spec, setting, out);
        }
        spec.options().forEach((key, value) -> out.put(OPTION + key, value));
        return out;
    }

    private static <T> void put(ClusterSpec spec, Setting<T> setting, Map<String, String> out) {
        spec.find(setting).ifPresent(value -> out.put(setting.parameter(), String.valueOf(setting.describe(value))));
    }

    /** The data directory {@link #of} recorded. */
    public static Path dataDirectory(Map<String, String> properties) {
        String directory = properties.get(DATA_DIRECTORY);
        if (directory == null) {
            throw new IllegalArgumentException("cluster spec property '" + DATA_DIRECTORY + "' is missing");
        }
        return Path.of(directory);
    }

    /** The same properties with the data directory replaced. */
    public static Map<String, String> withDataDirectory(Map<String, String> properties, Path directory) {
        Map<String, String> moved = new LinkedHashMap<>(properties);
        moved.put(DATA_DIRECTORY, directory.toAbsolutePath().toString());
        return moved;
    }

    /** @throws IllegalArgumentException naming a property that is unknown or invalid */
    public static ClusterSpec parse(Map<String, String> properties) {
        ClusterSpec.Builder builder = ClusterSpec.builder(dataDirectory(properties));
        properties.forEach((key, value) -> {
            if (key.equals(DATA_DIRECTORY)) {
                return;
            }
            if (key.startsWith(OPTION)) {
                builder.option(key.substring(OPTION.length()), value);
                return;
            }
            Setting<?> setting = Setting.byParameter(key)
                    .orElseThrow(() -> new IllegalArgumentException("unknown cluster spec property '" + key + "'"));
            builder.parse(setting, value);
        });
        return builder.build();
    }
}
