package io.graphraft.checker.history;

import java.util.Objects;

/**
 * One operation as a client sees it. Register operations name a key; a write carries the value written,
 * a read the value it observed ({@code null}: the key was absent), which is unknown ({@code null}) until
 * the read completes. A {@code create} adds {@code value} as an element of the one set the history checks.
 */
public record Operation(OperationKind kind, String key, Long value) {
    public Operation {
        Objects.requireNonNull(kind, "operation kind");
        switch (kind) {
            case WRITE -> {
                requireKey(kind, key);
                Objects.requireNonNull(value, "a write needs a value");
            }
            case READ -> requireKey(kind, key);
            case CREATE -> {
                if (key != null) {
                    throw new IllegalArgumentException("a create has no key, got '" + key + "'");
                }
                Objects.requireNonNull(value, "a create needs the element's value");
            }
        }
    }

    public static Operation write(String key, long value) {
        return new Operation(OperationKind.WRITE, key, value);
    }

    /** A read as invoked: its value is not known yet. */
    public static Operation read(String key) {
        return new Operation(OperationKind.READ, key, null);
    }

    /** A read that observed {@code value} ({@code null}: absent). */
    public static Operation read(String key, Long value) {
        return new Operation(OperationKind.READ, key, value);
    }

    public static Operation create(long element) {
        return new Operation(OperationKind.CREATE, null, element);
    }

    public boolean isRegisterOperation() {
        return kind != OperationKind.CREATE;
    }

    /** Short text for reports: {@code write k1 5}, {@code read k1 -> 5}, {@code create 17}. */
    public String describe() {
        return switch (kind) {
            case WRITE -> "write " + key + " " + value;
            case READ -> "read " + key + (value == null ? "" : " -> " + value);
            case CREATE -> "create " + value;
        };
    }

    private static void requireKey(OperationKind kind, String key) {
        if (key == null || key.isEmpty()) {
            throw new IllegalArgumentException("a " + kind.jsonName() + " needs a key");
        }
    }
}
