package io.graphraft.core.codec;

import java.util.Arrays;
import java.util.Locale;
import java.util.function.Supplier;

/** The codecs a cluster can be configured with. */
public enum CodecKind {
    /** Compact hand-rolled binary (varints, tags); the default. */
    BINARY(BinaryCodec::new),
    /** JSON through Jackson, what the seed used. */
    JSON(JsonCodec::new);

    private final Supplier<Codec> factory;
    private volatile Codec instance;

    CodecKind(Supplier<Codec> factory) {
        this.factory = factory;
    }

    /** The shared, thread-safe codec of this kind. */
    public Codec codec() {
        Codec codec = instance;
        if (codec == null) {
            codec = factory.get();
            instance = codec;
        }
        return codec;
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses "binary" or "json" (any case); an unknown name fails listing the known ones. */
    public static CodecKind parse(String name) {
        for (CodecKind kind : values()) {
            if (kind.name().equalsIgnoreCase(name)) {
                return kind;
            }
        }
        throw new IllegalArgumentException("unknown codec '" + name + "'; known codecs: "
                + Arrays.stream(values()).map(CodecKind::label).toList());
    }
}
