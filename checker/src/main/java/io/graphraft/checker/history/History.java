package io.graphraft.checker.history;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * A recorded history: every event in recorded order, and the client operations it describes (invocation
 * paired with completion, in invocation order). Build one with {@link #of} or {@link HistoryReader}; both
 * refuse a history that does not make sense (a completion without invocation, a process running two
 * operations at once, a completion that changes the operation).
 */
public final class History {
    private final List<HistoryEvent> events;
    private final List<ClientOperation> operations;
    private final List<NemesisEvent> nemesisEvents;
    private final long origin;

    History(List<HistoryEvent> events, List<ClientOperation> operations) {
        this.events = List.copyOf(events);
        this.operations = List.copyOf(operations);
        List<NemesisEvent> nemesis = new ArrayList<>();
        long earliest = Long.MAX_VALUE;
        for (HistoryEvent event : this.events) {
            earliest = Math.min(earliest, event.time());
            if (event instanceof NemesisEvent n) {
                nemesis.add(n);
            }
        }
        this.nemesisEvents = List.copyOf(nemesis);
        this.origin = events.isEmpty() ? 0 : earliest;
    }

    /** Validates {@code events} (errors name the event's 1-based position) and pairs them into operations. */
    public static History of(List<? extends HistoryEvent> events) {
        HistoryAssembler assembler = new HistoryAssembler();
        int position = 0;
        for (HistoryEvent event : events) {
            assembler.add(event, "event " + ++position);
        }
        return assembler.build();
    }

    public List<HistoryEvent> events() {
        return events;
    }

    public List<ClientOperation> operations() {
        return operations;
    }

    public List<NemesisEvent> nemesisEvents() {
        return nemesisEvents;
    }

    /** The earliest time in the history: reports show times relative to it. */
    public long origin() {
        return origin;
    }

    /** Register operations (writes and reads) by key, keys sorted, each list in invocation order. */
    public Map<String, List<ClientOperation>> registerOperationsByKey() {
        Map<String, List<ClientOperation>> byKey = new TreeMap<>();
        for (ClientOperation op : operations) {
            if (op.operation().isRegisterOperation()) {
                byKey.computeIfAbsent(op.key(), k -> new ArrayList<>()).add(op);
            }
        }
        byKey.replaceAll((key, ops) -> Collections.unmodifiableList(ops));
        return Collections.unmodifiableMap(byKey);
    }

    /** Set creations in invocation order. */
    public List<ClientOperation> creations() {
        return operations.stream().filter(op -> op.kind() == OperationKind.CREATE).toList();
    }

    /**
     * The events that concern the same register key as {@code op} (or the set, for a creation) and the nemesis,
     * in time order: {@code n} before its invocation, those during it, {@code n} after its completion. Of a long
     * operation's middle only the first and last {@code n} are kept.
     */
    public Excerpt eventsAround(ClientOperation op, int n) {
        if (n < 0) {
            throw new IllegalArgumentException("n must be >= 0, got " + n);
        }
        List<HistoryEvent> relevant = new ArrayList<>();
        for (HistoryEvent event : events) {
            if (event instanceof NemesisEvent || event instanceof ClientEvent c && sameObject(c.operation(), op.operation())) {
                relevant.add(event);
            }
        }
        relevant.sort(Comparator.comparingLong(HistoryEvent::time)); // stable: recorded order breaks ties
        int invoke = -1;
        int complete = -1;
        for (int i = 0; i < relevant.size(); i++) {
            if (relevant.get(i) instanceof ClientEvent c && c.id() == op.id()) {
                if (c.type() == EventType.INVOKE) {
                    invoke = i;
                } else {
                    complete = i;
                }
            }
        }
        if (invoke < 0) {
            throw new IllegalArgumentException("op " + op.id() + " is not in this history");
        }
        if (complete < 0) {
            complete = invoke;
        }
        int from = Math.max(0, invoke - n);
        int to = Math.min(relevant.size() - 1, complete + n);
        int inner = complete - invoke - 1;
        if (inner <= 2 * n) {
            return new Excerpt(relevant.subList(from, to + 1), 0);
        }
        List<HistoryEvent> kept = new ArrayList<>(relevant.subList(from, invoke + n + 1));
        kept.addAll(relevant.subList(complete - n, to + 1));
        return new Excerpt(kept, inner - 2 * n);
    }

    private static boolean sameObject(Operation a, Operation b) {
        return a.isRegisterOperation() == b.isRegisterOperation() && Objects.equals(a.key(), b.key());
    }
}
