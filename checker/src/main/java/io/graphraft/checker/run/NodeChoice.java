package io.graphraft.checker.run;

/**
 * Which node a fault hits: a fixed node, or the node that is leader when the fault strikes, with a fixed node
 * drawn in advance for when no node is leader then. A plan names only these, so the same seed makes the same
 * choices: "the leader" resolves to whichever node it was.
 */
public record NodeChoice(boolean leader, int fallback) {
    public NodeChoice {
        if (fallback < 0) {
            throw new IllegalArgumentException("node index must be >= 0, was " + fallback);
        }
    }

    public static NodeChoice node(int index) {
        return new NodeChoice(false, index);
    }

    public static NodeChoice leaderElse(int index) {
        return new NodeChoice(true, index);
    }

    /** As planned: {@code n2}, or {@code the leader (else n2)}. */
    public String describe() {
        return leader ? "the leader (else " + Nodes.name(fallback) + ")" : Nodes.name(fallback);
    }
}
