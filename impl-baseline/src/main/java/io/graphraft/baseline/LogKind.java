package io.graphraft.baseline;

import java.io.IOException;
import java.nio.file.Path;

/** The two logs the durable baseline can run on (engine option {@code log}). */
enum LogKind {
    FILECHANNEL("filechannel"),
    ROCKSDB("rocksdb");

    static final String OPTION = "log";

    private final String label;

    LogKind(String label) {
        this.label = label;
    }

    String label() {
        return label;
    }

    DurableLog open(Path directory, boolean sync) throws IOException {
        return switch (this) {
            case FILECHANNEL -> new FileChannelLog(directory, sync);
            case ROCKSDB -> new RocksDbWalLog(directory, sync);
        };
    }

    static LogKind parse(String label) {
        for (LogKind kind : values()) {
            if (kind.label.equals(label)) {
                return kind;
            }
        }
        throw new IllegalArgumentException("unknown log '" + label + "'");
    }
}
