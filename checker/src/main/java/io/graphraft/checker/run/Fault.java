package io.graphraft.checker.run;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * One round's fault as planned: which nodes it hits, fixed in advance by the seed except where it names
 * "the leader". {@link #strike} injects it through a {@link Nemesis}, which records what happened and heals it.
 */
public sealed interface Fault {

    FaultKind kind();

    /** The fault as planned, e.g. {@code kill the leader (else n2)}. */
    String describe();

    /** Injects the fault now. */
    void strike(Nemesis nemesis);

    /** Crash these nodes; restart them when the round heals. */
    record Kill(List<NodeChoice> targets) implements Fault {
        public Kill {
            targets = List.copyOf(targets);
            if (targets.isEmpty()) {
                throw new IllegalArgumentException("a kill needs a target");
            }
        }

        @Override
        public FaultKind kind() {
            return FaultKind.KILL;
        }

        @Override
        public String describe() {
            return "kill " + String.join(", ", targets.stream().map(NodeChoice::describe).toList());
        }

        @Override
        public void strike(Nemesis nemesis) {
            Set<Integer> nodes = new LinkedHashSet<>();
            for (NodeChoice target : targets) {
                nodes.add(nemesis.resolve(target));
            }
            nemesis.kill(new TreeSet<>(nodes));
        }
    }

    /** Freeze one node; resume it when the round heals. */
    record Pause(NodeChoice target) implements Fault {
        @Override
        public FaultKind kind() {
            return FaultKind.PAUSE;
        }

        @Override
        public String describe() {
            return "pause " + target.describe();
        }

        @Override
        public void strike(Nemesis nemesis) {
            nemesis.pause(nemesis.resolve(target));
        }
    }

    /** Cut every link between the sides (a minority and the majority). */
    record Partition(Set<Integer> minority, Set<Integer> majority) implements Fault {
        public Partition {
            minority = Set.copyOf(minority);
            majority = Set.copyOf(majority);
        }

        @Override
        public FaultKind kind() {
            return FaultKind.PARTITION;
        }

        @Override
        public String describe() {
            return "partition " + Nodes.sides(List.of(minority, majority));
        }

        @Override
        public void strike(Nemesis nemesis) {
            nemesis.partition(List.of(minority, majority), "");
        }
    }

    /** Cut the leader (or, with none, the fallback node) off from every other node. */
    record IsolateLeader(NodeChoice target) implements Fault {
        public IsolateLeader {
            if (!target.leader()) {
                throw new IllegalArgumentException("isolate-leader targets the leader");
            }
        }

        @Override
        public FaultKind kind() {
            return FaultKind.ISOLATE_LEADER;
        }

        @Override
        public String describe() {
            return "isolate " + target.describe();
        }

        @Override
        public void strike(Nemesis nemesis) {
            int isolated = nemesis.resolve(target);
            Set<Integer> rest = new TreeSet<>();
            for (int i = 0; i < nemesis.nodeCount(); i++) {
                if (i != isolated) {
                    rest.add(i);
                }
            }
            nemesis.partition(List.of(Set.of(isolated), rest), " (isolates " + Nodes.name(isolated) + ")");
        }
    }

    /** Cut every link leaving the node ({@code outgoing}) or every link reaching it; the other direction flows. */
    record Asymmetric(NodeChoice target, boolean outgoing) implements Fault {
        @Override
        public FaultKind kind() {
            return FaultKind.ASYMMETRIC;
        }

        @Override
        public String describe() {
            return "cut every link " + (outgoing ? "from " : "to ") + target.describe();
        }

        @Override
        public void strike(Nemesis nemesis) {
            int node = nemesis.resolve(target);
            List<int[]> links = new ArrayList<>();
            for (int other = 0; other < nemesis.nodeCount(); other++) {
                if (other != node) {
                    links.add(outgoing ? new int[] {node, other} : new int[] {other, node});
                }
            }
            nemesis.cut(links);
        }
    }

    /** {@code bridge} reaches both sides; the sides do not reach each other. */
    record Bridge(int bridge, Set<Integer> sideA, Set<Integer> sideB) implements Fault {
        public Bridge {
            sideA = Set.copyOf(sideA);
            sideB = Set.copyOf(sideB);
        }

        @Override
        public FaultKind kind() {
            return FaultKind.BRIDGE;
        }

        @Override
        public String describe() {
            return "bridge " + Nodes.name(bridge) + " between " + Nodes.sides(List.of(sideA, sideB));
        }

        @Override
        public void strike(Nemesis nemesis) {
            nemesis.bridge(bridge, sideA, sideB);
        }
    }
}
