package io.graphraft.checker.history;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * The wire form of one history line, every field optional so that {@link HistoryJson} can say which one is
 * missing or misplaced. Field meanings are in the module README.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"type", "time", "process", "id", "f", "key", "value", "error", "kind", "description"})
record EventLine(String type, Long time, Integer process, Long id, String f, String key, Long value, String error,
                 String kind, String description) {

    static EventLine of(HistoryEvent event) {
        if (event instanceof ClientEvent c) {
            Operation op = c.operation();
            return new EventLine(c.type().jsonName(), c.time(), c.process(), c.id(), op.kind().jsonName(), op.key(),
                    op.value(), c.error(), null, null);
        }
        NemesisEvent n = (NemesisEvent) event;
        return new EventLine(EventType.NEMESIS.jsonName(), n.time(), null, null, null, null, null, null,
                n.kind(), n.description());
    }

    /** The event this line describes; an {@link IllegalArgumentException} says what is wrong with it. */
    HistoryEvent toEvent() {
        if (type == null) {
            throw new IllegalArgumentException("missing 'type'");
        }
        EventType eventType = EventType.fromJson(type);
        if (time == null) {
            throw new IllegalArgumentException("missing 'time'");
        }
        if (eventType == EventType.NEMESIS) {
            refuse("process", process);
            refuse("id", id);
            refuse("f", f);
            refuse("key", key);
            refuse("value", value);
            refuse("error", error);
            if (kind == null) {
                throw new IllegalArgumentException("a nemesis event needs 'kind'");
            }
            return new NemesisEvent(time, kind, description == null ? "" : description);
        }
        refuse("kind", kind);
        refuse("description", description);
        if (process == null) {
            throw new IllegalArgumentException("a " + type + " event needs 'process'");
        }
        if (id == null) {
            throw new IllegalArgumentException("a " + type + " event needs 'id'");
        }
        if (f == null) {
            throw new IllegalArgumentException("a " + type + " event needs 'f'");
        }
        Operation operation = new Operation(OperationKind.fromJson(f), key, value);
        return new ClientEvent(eventType, time, process, id, operation, error);
    }

    private void refuse(String field, Object present) {
        if (present != null) {
            throw new IllegalArgumentException("a " + type + " event has no '" + field + "'");
        }
    }
}
