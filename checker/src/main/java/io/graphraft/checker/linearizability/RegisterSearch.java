package io.graphraft.checker.linearizability;

import io.graphraft.checker.history.ClientOperation;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Wing and Gong's depth-first search for a linearization of one register's history, with Lowe's memoization of
 * explored configurations.
 *
 * <p>The candidates at any point are the calls that come before the first return still in the list: an operation
 * whose completion has passed must already be linearized. One refinement over the plain search: a read whose
 * value equals the register's is linearized at once and never reconsidered. That is safe because a read changes
 * nothing and every operation that must precede it is already linearized, so if any linearization exists from
 * here, one exists that places the read now; if the configuration after the read fails, this one fails too.
 * Writes are tried in list order, and the search backtracks when it meets the return of an unlinearized operation.
 * Unknown (indeterminate) writes have no return, so they may be linearized late or left out; the search succeeds
 * as soon as every {@code ok} operation is linearized.
 */
final class RegisterSearch {
    private static final int TIME_CHECK_INTERVAL = 1 << 12;

    private final KeyHistory history;
    private final SearchBudget budget;
    private final CallReturnList list;
    private final LinearizedSet linearized;
    private final VisitedConfigurations visited = new VisitedConfigurations();
    private final int[] stackOperation;
    private final int[] stackValue;
    private final boolean[] stackForced;
    private int depth;
    private int value = KeyHistory.ABSENT;

    private int deepest = -1;
    private int[] deepestPrefix;
    private int deepestValue;
    private int deepestBlocked;
    private int[] deepestPending;

    RegisterSearch(KeyHistory history, SearchBudget budget) {
        this.history = history;
        this.budget = budget;
        int n = history.size();
        list = new CallReturnList(history);
        linearized = new LinearizedSet(n);
        stackOperation = new int[n];
        stackValue = new int[n];
        stackForced = new boolean[n];
    }

    KeyResult run() {
        int requiredLeft = history.requiredCount;
        if (requiredLeft == 0) {
            return result(Verdict.LINEARIZABLE, null, null);
        }
        long deadline = System.nanoTime() + budget.maxTime().toNanos();
        long steps = 0;
        boolean readsFirst = true;
        int cursor = list.first();
        while (true) {
            if (++steps % TIME_CHECK_INTERVAL == 0 && System.nanoTime() - deadline > 0) {
                return result(Verdict.UNKNOWN, null, "time budget of " + budget.maxTime() + " spent after "
                        + visited.size() + " states");
            }
            boolean backtrack = false;
            if (cursor != CallReturnList.END && list.isCall(cursor)) {
                int op = list.operation(cursor);
                boolean read = history.read[op];
                boolean candidate = readsFirst ? read && history.value[op] == value : !read;
                if (candidate) {
                    int after = history.value[op];
                    linearized.add(op);
                    if (visited.add(linearized, after)) {
                        if (visited.size() > budget.maxStates()) {
                            return result(Verdict.UNKNOWN, null, "explored " + budget.maxStates()
                                    + " states (the budget) without an answer");
                        }
                        push(op, read);
                        value = after;
                        list.lift(op);
                        if (history.required[op] && --requiredLeft == 0) {
                            return result(Verdict.LINEARIZABLE, null, null);
                        }
                        readsFirst = true;
                        cursor = list.first();
                        continue;
                    }
                    linearized.remove(op);
                    // read: the configuration after it failed before, so this one fails too
                    backtrack = read;
                }
                if (!backtrack) {
                    cursor = list.next(cursor);
                    continue;
                }
            } else if (readsFirst) {
                readsFirst = false;
                cursor = list.first();
                continue;
            } else {
                recordDeadEnd(cursor);
            }
            int op;
            do {
                if (depth == 0) {
                    return result(Verdict.NOT_LINEARIZABLE, counterexample(), null);
                }
                op = pop();
                if (history.required[op]) {
                    requiredLeft++;
                }
            } while (stackForced[depth]);
            readsFirst = false;
            cursor = list.next(list.callOf(op));
        }
    }

    private void push(int op, boolean forced) {
        stackOperation[depth] = op;
        stackValue[depth] = value;
        stackForced[depth] = forced;
        depth++;
    }

    private int pop() {
        depth--;
        int op = stackOperation[depth];
        value = stackValue[depth];
        linearized.remove(op);
        list.unlift(op);
        return op;
    }

    /** Remembers the deepest point where an operation's return came before it could be linearized. */
    private void recordDeadEnd(int returnEntry) {
        if (depth <= deepest || returnEntry == CallReturnList.END) {
            return;
        }
        deepest = depth;
        deepestPrefix = Arrays.copyOf(stackOperation, depth);
        deepestValue = value;
        deepestBlocked = list.operation(returnEntry);
        List<Integer> pending = new ArrayList<>();
        for (int entry = list.first(); entry != returnEntry; entry = list.next(entry)) {
            if (list.isCall(entry) && list.operation(entry) != deepestBlocked) {
                pending.add(list.operation(entry));
            }
        }
        deepestPending = pending.stream().mapToInt(Integer::intValue).toArray();
    }

    private Counterexample counterexample() {
        if (deepest < 0) {
            throw new IllegalStateException("key " + history.key + ": search failed without reaching a dead end");
        }
        return new Counterexample(operations(deepestPrefix), history.valueOf(deepestValue),
                history.operations[deepestBlocked], operations(deepestPending));
    }

    private List<ClientOperation> operations(int[] indices) {
        List<ClientOperation> ops = new ArrayList<>(indices.length);
        for (int i : indices) {
            ops.add(history.operations[i]);
        }
        return ops;
    }

    private KeyResult result(Verdict verdict, Counterexample counterexample, String unknownReason) {
        return new KeyResult(history.key, verdict, history.size(), history.dropped, visited.size(), counterexample,
                unknownReason);
    }
}
