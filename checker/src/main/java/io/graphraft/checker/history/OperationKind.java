package io.graphraft.checker.history;

/** What a client operation does: {@code write} and {@code read} a register under a key, {@code create} a set element. */
public enum OperationKind {
    WRITE("write"),
    READ("read"),
    CREATE("create");

    private final String jsonName;

    OperationKind(String jsonName) {
        this.jsonName = jsonName;
    }

    /** The name used in the JSON Lines format ({@code "f"} field). */
    public String jsonName() {
        return jsonName;
    }

    static OperationKind fromJson(String name) {
        for (OperationKind kind : values()) {
            if (kind.jsonName.equals(name)) {
                return kind;
            }
        }
        throw new IllegalArgumentException("unknown operation f '" + name + "' (expected write, read or create)");
    }
}
