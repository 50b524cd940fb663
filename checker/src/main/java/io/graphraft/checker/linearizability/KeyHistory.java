package io.graphraft.checker.linearizability;

import io.graphraft.checker.history.ClientOperation;
import io.graphraft.checker.history.OperationKind;
import io.graphraft.checker.history.Outcome;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The operations on one register key that constrain linearizability, as arrays the search indexes by operation
 * number (invocation order). Values are interned: 0 is "absent", the register's initial state.
 * <ul>
 *   <li>{@code fail} operations did not happen: dropped.</li>
 *   <li>{@code unknown} reads constrain nothing: dropped.</li>
 *   <li>{@code unknown} writes may take effect at any time after invocation, or never: their completion is
 *       +infinity and they need not be linearized. One whose value no {@code ok} read observed is dropped: a
 *       write nobody saw can always be left out of a linearization, or placed last.</li>
 * </ul>
 */
final class KeyHistory {
    static final int ABSENT = 0;

    final String key;
    final ClientOperation[] operations;
    final boolean[] read;
    final int[] value;
    final long[] invoke;
    final long[] complete;
    final boolean[] required;
    final int requiredCount;
    final int dropped;
    private final List<Long> values;

    private KeyHistory(String key, List<ClientOperation> kept, int dropped) {
        this.key = key;
        this.dropped = dropped;
        int n = kept.size();
        operations = kept.toArray(new ClientOperation[0]);
        read = new boolean[n];
        value = new int[n];
        invoke = new long[n];
        complete = new long[n];
        required = new boolean[n];
        values = new ArrayList<>();
        values.add(null);
        Map<Long, Integer> interned = new HashMap<>();
        int requiredOps = 0;
        for (int i = 0; i < n; i++) {
            ClientOperation op = operations[i];
            read[i] = op.kind() == OperationKind.READ;
            Long v = op.value();
            value[i] = v == null ? ABSENT : interned.computeIfAbsent(v, x -> {
                values.add(x);
                return values.size() - 1;
            });
            invoke[i] = op.invokeTime();
            required[i] = op.outcome() == Outcome.OK;
            complete[i] = required[i] ? op.completeTime() : Long.MAX_VALUE;
            if (required[i]) {
                requiredOps++;
            }
        }
        requiredCount = requiredOps;
    }

    static KeyHistory of(String key, List<ClientOperation> operations) {
        Set<Long> observed = new HashSet<>();
        for (ClientOperation op : operations) {
            if (!op.operation().isRegisterOperation() || !key.equals(op.key())) {
                throw new IllegalArgumentException("op " + op.id() + " (" + op.operation().describe()
                        + ") is not a register operation on key '" + key + "'");
            }
            if (op.kind() == OperationKind.READ && op.outcome() == Outcome.OK && op.value() != null) {
                observed.add(op.value());
            }
        }
        List<ClientOperation> kept = new ArrayList<>(operations.size());
        for (ClientOperation op : operations) {
            boolean constrains = switch (op.outcome()) {
                case OK -> true;
                case FAIL -> false;
                case UNKNOWN -> op.kind() == OperationKind.WRITE && observed.contains(op.value());
            };
            if (constrains) {
                kept.add(op);
            }
        }
        kept.sort(Comparator.comparingLong(ClientOperation::invokeTime));
        return new KeyHistory(key, kept, operations.size() - kept.size());
    }

    int size() {
        return operations.length;
    }

    Long valueOf(int interned) {
        return values.get(interned);
    }
}
