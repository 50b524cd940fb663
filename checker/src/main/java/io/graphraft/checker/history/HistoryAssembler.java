package io.graphraft.checker.history;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Checks that a sequence of events is a well-formed history while pairing invocations with completions.
 * Every error names where the event came from ({@code line 17}, {@code event 3}).
 */
final class HistoryAssembler {
    private final List<HistoryEvent> events = new ArrayList<>();
    private final Map<Long, ClientEvent> open = new LinkedHashMap<>();
    private final Map<Integer, Long> openByProcess = new HashMap<>();
    private final Map<Long, ClientOperation> completed = new HashMap<>();
    private final List<Long> invocationOrder = new ArrayList<>();

    void add(HistoryEvent event, String where) {
        Objects.requireNonNull(event, where + ": null event");
        if (event instanceof ClientEvent client) {
            if (client.type() == EventType.INVOKE) {
                invoke(client, where);
            } else {
                complete(client, where);
            }
        }
        events.add(event);
    }

    History build() {
        Map<Long, ClientOperation> operations = new HashMap<>(completed);
        for (ClientEvent invoke : open.values()) {
            operations.put(invoke.id(), new ClientOperation(invoke.id(), invoke.process(), invoke.operation(),
                    Outcome.UNKNOWN, invoke.time(), ClientOperation.NOT_COMPLETED, "never completed"));
        }
        List<ClientOperation> ordered = new ArrayList<>(invocationOrder.size());
        for (Long id : invocationOrder) {
            ordered.add(operations.get(id));
        }
        return new History(events, ordered);
    }

    private void invoke(ClientEvent invoke, String where) {
        if (open.containsKey(invoke.id()) || completed.containsKey(invoke.id())) {
            throw new InvalidHistoryException(where + ": op " + invoke.id() + " is invoked a second time");
        }
        Long busy = openByProcess.get(invoke.process());
        if (busy != null) {
            throw new InvalidHistoryException(where + ": process " + invoke.process() + " invokes op " + invoke.id()
                    + " while its op " + busy + " is still open (a process runs one operation at a time)");
        }
        if (invoke.operation().kind() == OperationKind.READ && invoke.operation().value() != null) {
            throw new InvalidHistoryException(where + ": the invocation of read op " + invoke.id()
                    + " carries a value; a read's value belongs on its completion");
        }
        open.put(invoke.id(), invoke);
        openByProcess.put(invoke.process(), invoke.id());
        invocationOrder.add(invoke.id());
    }

    private void complete(ClientEvent completion, String where) {
        long id = completion.id();
        ClientEvent invoke = open.remove(id);
        if (invoke == null) {
            throw new InvalidHistoryException(where + ": " + completion.type().jsonName() + " of op " + id
                    + (completed.containsKey(id) ? " which already completed" : " which was never invoked"));
        }
        openByProcess.remove(invoke.process());
        if (completion.process() != invoke.process()) {
            throw new InvalidHistoryException(where + ": op " + id + " was invoked by process " + invoke.process()
                    + " but completed by process " + completion.process());
        }
        Operation invoked = invoke.operation();
        Operation done = completion.operation();
        if (invoked.kind() != done.kind() || !Objects.equals(invoked.key(), done.key())) {
            throw new InvalidHistoryException(where + ": op " + id + " was invoked as '" + invoked.describe()
                    + "' but completed as '" + done.describe() + "'");
        }
        if (invoked.kind() == OperationKind.READ) {
            if (completion.type() != EventType.OK && done.value() != null) {
                throw new InvalidHistoryException(where + ": read op " + id + " ended "
                        + completion.type().jsonName() + " but carries a value; only an ok read observed one");
            }
        } else if (!Objects.equals(invoked.value(), done.value())) {
            throw new InvalidHistoryException(where + ": op " + id + " was invoked with value " + invoked.value()
                    + " but completed with value " + done.value());
        }
        if (completion.time() < invoke.time()) {
            throw new InvalidHistoryException(where + ": op " + id + " completes at time " + completion.time()
                    + ", before its invocation at " + invoke.time());
        }
        completed.put(id, new ClientOperation(id, invoke.process(), done, completion.type().outcome(),
                invoke.time(), completion.time(), completion.error()));
    }
}
