package io.graphraft.checker.linearizability;

import io.graphraft.checker.HistoryScript;
import io.graphraft.checker.history.ClientOperation;
import io.graphraft.checker.history.History;
import io.graphraft.checker.history.Operation;
import io.graphraft.checker.history.OperationKind;
import io.graphraft.checker.history.Outcome;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The search against the definition: on thousands of small random histories (random intervals, values from a
 * tiny domain, every outcome), it agrees with an exhaustive enumeration of orders that respects real time, where
 * ok operations must appear, failed ones and unknown reads never matter, and unknown writes may appear or not.
 */
class BruteForceAgreementTest {
    @Test
    void theSearchAgreesWithExhaustiveEnumeration() {
        SplittableRandom random = new SplittableRandom(42);
        LinearizabilityChecker checker = new LinearizabilityChecker();
        int linearizable = 0;
        int notLinearizable = 0;
        for (int round = 0; round < 3_000; round++) {
            History history = randomHistory(random, 1 + random.nextInt(8));
            List<ClientOperation> ops = history.operations();
            boolean expected = BruteForce.linearizable(ops);

            Verdict verdict = checker.check(history).key("k").verdict();

            assertThat(verdict).as("round %d: %s", round, ops)
                    .isEqualTo(expected ? Verdict.LINEARIZABLE : Verdict.NOT_LINEARIZABLE);
            if (expected) {
                linearizable++;
            } else {
                notLinearizable++;
            }
        }
        assertThat(linearizable).as("both verdicts are well represented").isGreaterThan(600);
        assertThat(notLinearizable).isGreaterThan(600);
    }

    private static History randomHistory(SplittableRandom random, int size) {
        HistoryScript script = new HistoryScript();
        for (int p = 0; p < size; p++) {
            long invoke = random.nextInt(40);
            long complete = invoke + random.nextInt(15);
            boolean write = random.nextBoolean();
            int roll = random.nextInt(10);
            Outcome outcome = roll < 6 ? Outcome.OK : roll < 8 ? Outcome.UNKNOWN : Outcome.FAIL;
            Long value = (long) (1 + random.nextInt(3));
            Operation op;
            if (write) {
                op = Operation.write("k", value);
            } else {
                op = Operation.read("k", outcome == Outcome.OK && random.nextInt(4) > 0 ? value : null);
            }
            script.op(p, op, outcome, invoke, complete);
        }
        return script.history();
    }

    /** Tries every order: the next operation is any remaining one that no remaining operation must precede. */
    private static final class BruteForce {
        private final List<ClientOperation> ops;
        private final boolean[] placed;

        private BruteForce(List<ClientOperation> ops) {
            this.ops = ops;
            this.placed = new boolean[ops.size()];
        }

        static boolean linearizable(List<ClientOperation> ops) {
            return new BruteForce(ops).search(null);
        }

        private boolean search(Long value) {
            boolean done = true;
            for (int i = 0; i < ops.size(); i++) {
                if (!placed[i] && mustHappen(ops.get(i))) {
                    done = false;
                }
            }
            if (done) {
                return true;
            }
            for (int i = 0; i < ops.size(); i++) {
                ClientOperation op = ops.get(i);
                if (placed[i] || !canHappen(op) || !minimal(op)) {
                    continue;
                }
                boolean read = op.kind() == OperationKind.READ;
                if (read && !Objects.equals(op.value(), value)) {
                    continue;
                }
                placed[i] = true;
                boolean found = search(read ? value : op.value());
                placed[i] = false;
                if (found) {
                    return true;
                }
            }
            return false;
        }

        private static boolean mustHappen(ClientOperation op) {
            return op.outcome() == Outcome.OK;
        }

        private static boolean canHappen(ClientOperation op) {
            return op.outcome() == Outcome.OK || op.outcome() == Outcome.UNKNOWN && op.kind() == OperationKind.WRITE;
        }

        /** No remaining ok operation completed before {@code op} was invoked (others have no completion). */
        private boolean minimal(ClientOperation op) {
            for (int j = 0; j < ops.size(); j++) {
                ClientOperation other = ops.get(j);
                if (!placed[j] && mustHappen(other) && other.completeTime() < op.invokeTime()) {
                    return false;
                }
            }
            return true;
        }
    }
}
