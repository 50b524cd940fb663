package io.graphraft.checker.linearizability;

import io.graphraft.checker.history.ClientOperation;

import java.util.List;
import java.util.Objects;

/**
 * Why a key is not linearizable, from the deepest point the search reached: the operations it could linearize
 * in that order ({@code linearized}), the register's value after them, the operation that then had to take
 * effect but could not ({@code blocked}: its completion came and no order of the remaining candidates let it
 * happen), and the other operations pending at that point. Every search branch fails somewhere; this one got
 * furthest, which is where a report shows "the events around it".
 */
public record Counterexample(List<ClientOperation> linearized, Long valueAfterLinearized, ClientOperation blocked,
                             List<ClientOperation> pending) {
    public Counterexample {
        linearized = List.copyOf(linearized);
        Objects.requireNonNull(blocked, "blocked");
        pending = List.copyOf(pending);
    }

    /** One sentence naming the operations by process, operation and id. */
    public String describe() {
        StringBuilder text = new StringBuilder();
        text.append("p").append(blocked.process()).append(' ').append(blocked.operation().describe())
                .append(" (op ").append(blocked.id()).append(") cannot take effect: after ");
        if (linearized.isEmpty()) {
            text.append("no operation");
        } else {
            ClientOperation last = linearized.get(linearized.size() - 1);
            text.append(linearized.size()).append(linearized.size() == 1 ? " operation" : " operations")
                    .append(" (last: p").append(last.process()).append(' ').append(last.operation().describe())
                    .append(", op ").append(last.id()).append(')');
        }
        text.append(" the register holds ").append(valueAfterLinearized == null ? "nothing" : valueAfterLinearized);
        if (!pending.isEmpty()) {
            text.append(", and no order of the ").append(pending.size()).append(" concurrent operation")
                    .append(pending.size() == 1 ? "" : "s").append(" (");
            for (int i = 0; i < pending.size(); i++) {
                ClientOperation op = pending.get(i);
                text.append(i == 0 ? "" : ", ").append(op.operation().describe()).append(" op ").append(op.id());
            }
            text.append(") explains it");
        }
        return text.toString();
    }
}
