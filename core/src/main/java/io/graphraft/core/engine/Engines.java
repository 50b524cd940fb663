package io.graphraft.core.engine;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.ServiceLoader;

/** Finds engines on the classpath through {@link ServiceLoader}. */
public final class Engines {
    private Engines() {
    }

    /** Every engine on the classpath, by name. */
    public static List<Engine> available() {
        List<Engine> engines = new ArrayList<>();
        ServiceLoader.load(Engine.class).forEach(engines::add);
        engines.sort(Comparator.comparing(Engine::name));
        return engines;
    }

    /** @throws IllegalArgumentException listing the known engines if none is called {@code name} */
    public static Engine byName(String name) {
        List<Engine> engines = available();
        for (Engine engine : engines) {
            if (engine.name().equals(name)) {
                return engine;
            }
        }
        throw new IllegalArgumentException("unknown engine '" + name + "'; known engines: "
                + engines.stream().map(Engine::name).toList());
    }
}
