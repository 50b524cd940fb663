package io.graphraft.checker;

import io.graphraft.checker.history.ClientEvent;
import io.graphraft.checker.history.ClientOperation;
import io.graphraft.checker.history.HistoryEvent;
import io.graphraft.checker.history.Operation;
import io.graphraft.checker.history.OperationKind;
import io.graphraft.checker.history.Outcome;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Generates the history of a real linearizable register store under concurrent clients: each operation takes
 * effect at a random instant of its interval (an unknown write at a random instant after its invocation, possibly
 * after the client gave up, or never), the store applies the effects in that order, and reads return what the
 * store held. Every history it makes is linearizable by construction. Deterministic for a seed.
 */
public final class RegisterSimulation {
    private final SplittableRandom random;
    private final int clients;
    private final int keys;
    private final int valueDomain;

    /** {@code valueDomain <= 0}: every write writes a fresh value; otherwise values repeat within 1..valueDomain. */
    public RegisterSimulation(long seed, int clients, int keys, int valueDomain) {
        this.random = new SplittableRandom(seed);
        this.clients = clients;
        this.keys = keys;
        this.valueDomain = valueDomain;
    }

    public List<HistoryEvent> generate(int operations) {
        long[] clientTime = new long[clients];
        for (int c = 0; c < clients; c++) {
            clientTime[c] = random.nextLong(1_000);
        }
        List<Planned> planned = new ArrayList<>(operations);
        long nextValue = 1;
        for (int i = 0; i < operations; i++) {
            int client = earliest(clientTime);
            long invoke = clientTime[client] + 1 + random.nextLong(50);
            long complete = invoke + 1 + random.nextLong(300);
            String key = "k" + random.nextInt(keys);
            boolean write = random.nextInt(100) < 40;
            int roll = random.nextInt(100);
            Outcome outcome = roll < 85 ? Outcome.OK : roll < 90 ? Outcome.FAIL : Outcome.UNKNOWN;
            long effect;
            if (outcome == Outcome.OK) {
                effect = invoke + random.nextLong(complete - invoke + 1);
            } else if (outcome == Outcome.UNKNOWN && write && random.nextBoolean()) {
                effect = invoke + random.nextLong(4 * (complete - invoke) + 1); // may land after the client gave up
            } else {
                effect = -1; // failed, or an indeterminate operation that never took effect
            }
            long value = !write ? 0 : valueDomain > 0 ? 1 + random.nextInt(valueDomain) : nextValue++;
            planned.add(new Planned(i, client, key, write, value, outcome, invoke, complete, effect));
            clientTime[client] = complete;
        }

        List<Planned> effects = new ArrayList<>(planned.stream().filter(p -> p.effect >= 0).toList());
        effects.sort(Comparator.comparingLong((Planned p) -> p.effect).thenComparingInt(p -> p.index));
        Map<String, Long> store = new HashMap<>();
        Map<Integer, Long> observed = new HashMap<>();
        for (Planned p : effects) {
            if (p.write) {
                store.put(p.key, p.value);
            } else {
                observed.put(p.index, store.get(p.key));
            }
        }

        List<HistoryEvent> events = new ArrayList<>(2 * operations);
        boolean[] lastOfClient = lastOperations(planned);
        int dangling = 0;
        for (Planned p : planned) {
            Operation invoked = p.write ? Operation.write(p.key, p.value) : Operation.read(p.key);
            events.add(ClientEvent.invoke(p.invoke, p.client, p.index, invoked));
            if (lastOfClient[p.index] && p.outcome == Outcome.UNKNOWN && dangling < 2) {
                dangling++; // the client crashed: its last operation never completes
                continue;
            }
            Operation completed = p.write || p.outcome != Outcome.OK ? invoked
                    : Operation.read(p.key, observed.get(p.index));
            events.add(ClientEvent.completion(p.outcome, p.complete, p.client, p.index, completed,
                    p.outcome == Outcome.OK ? null : p.outcome == Outcome.FAIL ? "refused" : "timeout"));
        }
        events.sort(Comparator.comparingLong(HistoryEvent::time));
        return events;
    }

    /**
     * A copy of {@code events} in which one ok read in the second half returns a stale value: one written by an ok write that a later
     * ok write overwrote before the read began. No linearization can explain it. Returns null if no read qualifies.
     */
    public static Mutation staleRead(List<HistoryEvent> events, List<ClientOperation> operations) {
        List<ClientOperation> writes = operations.stream()
                .filter(op -> op.kind() == OperationKind.WRITE && op.outcome() == Outcome.OK).toList();
        for (ClientOperation read : operations.subList(operations.size() / 2, operations.size())) {
            if (read.kind() != OperationKind.READ || read.outcome() != Outcome.OK) {
                continue;
            }
            for (ClientOperation old : writes) {
                if (!old.key().equals(read.key()) || old.value().equals(read.value())) {
                    continue;
                }
                boolean overwritten = writes.stream().anyMatch(later -> later.key().equals(read.key())
                        && !later.value().equals(old.value())
                        && later.invokeTime() > old.completeTime() && later.completeTime() < read.invokeTime());
                if (overwritten) {
                    List<HistoryEvent> mutated = new ArrayList<>(events);
                    for (int i = 0; i < mutated.size(); i++) {
                        if (mutated.get(i) instanceof ClientEvent c && c.id() == read.id() && c.type().isCompletion()) {
                            mutated.set(i, ClientEvent.completion(Outcome.OK, c.time(), c.process(), c.id(),
                                    Operation.read(read.key(), old.value()), null));
                        }
                    }
                    return new Mutation(mutated, read, old);
                }
            }
        }
        return null;
    }

    private int earliest(long[] clientTime) {
        int best = 0;
        for (int c = 1; c < clientTime.length; c++) {
            if (clientTime[c] < clientTime[best]) {
                best = c;
            }
        }
        return best;
    }

    private static boolean[] lastOperations(List<Planned> planned) {
        boolean[] last = new boolean[planned.size()];
        Map<Integer, Integer> lastByClient = new HashMap<>();
        for (Planned p : planned) {
            lastByClient.put(p.client, p.index);
        }
        lastByClient.values().forEach(i -> last[i] = true);
        return last;
    }

    /** The mutated history, the read whose value was changed, and the overwritten write whose value it now returns. */
    public record Mutation(List<HistoryEvent> events, ClientOperation read, ClientOperation staleWrite) {
    }

    private record Planned(int index, int client, String key, boolean write, long value, Outcome outcome,
                           long invoke, long complete, long effect) {
    }
}
