package io.graphraft.checker.history;

/** The {@code "type"} of a history line: a client's invocation or completion, or a nemesis action. */
public enum EventType {
    INVOKE("invoke"),
    OK("ok"),
    FAIL("fail"),
    UNKNOWN("unknown"),
    NEMESIS("nemesis");

    private final String jsonName;

    EventType(String jsonName) {
        this.jsonName = jsonName;
    }

    public String jsonName() {
        return jsonName;
    }

    public boolean isCompletion() {
        return this == OK || this == FAIL || this == UNKNOWN;
    }

    /** The outcome a completion event records. */
    public Outcome outcome() {
        return switch (this) {
            case OK -> Outcome.OK;
            case FAIL -> Outcome.FAIL;
            case UNKNOWN -> Outcome.UNKNOWN;
            default -> throw new IllegalStateException(jsonName + " is not a completion");
        };
    }

    public static EventType completion(Outcome outcome) {
        return switch (outcome) {
            case OK -> OK;
            case FAIL -> FAIL;
            case UNKNOWN -> UNKNOWN;
        };
    }

    static EventType fromJson(String name) {
        for (EventType type : values()) {
            if (type.jsonName.equals(name)) {
                return type;
            }
        }
        throw new IllegalArgumentException("unknown type '" + name + "' (expected invoke, ok, fail, unknown or nemesis)");
    }
}
