package io.graphraft.core.engine;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * JVM flags as engines declare them ({@link Engine#jvmFlags()}): whether the running JVM has them,
 * and the {@code --add-opens} among them in a jar manifest's {@code Add-Opens} form.
 */
public final class JvmFlags {
    private static final Pattern ADD_OPENS = Pattern.compile("--add-opens[= ]([^/=\\s]+)/([^=\\s]+)=ALL-UNNAMED");
    private static final Pattern SYSTEM_PROPERTY = Pattern.compile("-D([^=]+)=(.*)");

    private JvmFlags() {
    }

    /** The first of {@code flags} this JVM is not running with, if any. */
    public static Optional<String> missing(List<String> flags) {
        List<String> arguments = ManagementFactory.getRuntimeMXBean().getInputArguments();
        for (String flag : flags) {
            if (!inEffect(flag, arguments)) {
                return Optional.of(flag);
            }
        }
        return Optional.empty();
    }

    /**
     * @throws IllegalStateException naming the engine and the flag if this JVM lacks one it declares
     */
    public static void require(Engine engine) {
        missing(engine.jvmFlags()).ifPresent(flag -> {
            throw new IllegalStateException("engine '" + engine.name() + "' needs the JVM flag " + flag
                    + ", which this JVM was started without (it needs all of " + engine.jvmFlags() + ")");
        });
    }

    /** {@code module/package} of every {@code --add-opens ...=ALL-UNNAMED} among {@code flags}. */
    public static List<String> addOpens(List<String> flags) {
        List<String> opens = new ArrayList<>();
        for (String flag : flags) {
            Matcher m = ADD_OPENS.matcher(flag);
            if (m.matches()) {
                opens.add(m.group(1) + "/" + m.group(2));
            }
        }
        return opens;
    }

    private static boolean inEffect(String flag, List<String> arguments) {
        Matcher opens = ADD_OPENS.matcher(flag);
        if (opens.matches()) {
            // also true when a jar manifest's Add-Opens opened it, which no input argument shows
            return ModuleLayer.boot().findModule(opens.group(1))
                    .map(module -> module.isOpen(opens.group(2), JvmFlags.class.getModule()))
                    .orElse(false);
        }
        Matcher property = SYSTEM_PROPERTY.matcher(flag);
        if (property.matches()) {
            return property.group(2).equals(System.getProperty(property.group(1)));
        }
        return arguments.contains(flag);
    }
}
