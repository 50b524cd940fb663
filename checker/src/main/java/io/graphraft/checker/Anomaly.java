package io.graphraft.checker;

import io.graphraft.checker.history.ClientOperation;

import java.util.List;
import java.util.Objects;

/**
 * One thing a checker found wrong. {@code subject} is the register key or the set element; {@code operations}
 * are the operations involved, the one to look at first; {@code description} says what is wrong in a sentence.
 */
public record Anomaly(AnomalyType type, String subject, String description, List<ClientOperation> operations) {
    public Anomaly {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(description, "description");
        operations = List.copyOf(operations);
    }
}
