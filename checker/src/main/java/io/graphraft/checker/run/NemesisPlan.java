package io.graphraft.checker.run;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;

/**
 * The nemesis's schedule, drawn from a seed before the run: per round a fault, its targets, when it strikes
 * and how long it holds. The same seed, node count, rounds, duration and fault kinds give the same plan; only
 * "the leader" is resolved when the fault strikes.
 *
 * <p>A run of {@code d} with {@code r} rounds gives each round {@code d / r}: the fault strikes in its first
 * fifth, holds for 30 to 60 % of the round, and the rest of the round the cluster recovers under load.
 */
public final class NemesisPlan {
    private final long seed;
    private final List<FaultKind> kinds;
    private final List<NemesisRound> rounds;

    private NemesisPlan(long seed, List<FaultKind> kinds, List<NemesisRound> rounds) {
        this.seed = seed;
        this.kinds = List.copyOf(kinds);
        this.rounds = List.copyOf(rounds);
    }

    /**
     * @throws IllegalArgumentException if there are rounds but no fault kind that fits {@code nodes}
     */
    public static NemesisPlan generate(long seed, int nodes, int rounds, Duration duration, Collection<FaultKind> kinds) {
        if (nodes < 1) {
            throw new IllegalArgumentException("nodes must be >= 1, was " + nodes);
        }
        if (rounds < 0) {
            throw new IllegalArgumentException("rounds must be >= 0, was " + rounds);
        }
        List<FaultKind> usable = new ArrayList<>();
        for (FaultKind kind : kinds.isEmpty() ? EnumSet.noneOf(FaultKind.class) : EnumSet.copyOf(kinds)) {
            if (nodes >= kind.minimumNodes()) {
                usable.add(kind);
            }
        }
        if (rounds > 0 && usable.isEmpty()) {
            throw new IllegalArgumentException("no fault of " + kinds + " applies to " + nodes + " node(s)");
        }
        Random random = new Random(seed);
        Duration round = rounds == 0 ? Duration.ZERO : duration.dividedBy(rounds);
        List<NemesisRound> planned = new ArrayList<>(rounds);
        for (int i = 0; i < rounds; i++) {
            FaultKind kind = usable.get(random.nextInt(usable.size()));
            Duration start = round.multipliedBy(i).plus(fraction(round, 0.2 * random.nextDouble()));
            Duration hold = fraction(round, 0.3 + 0.3 * random.nextDouble());
            planned.add(new NemesisRound(i + 1, start, hold, draw(kind, nodes, random)));
        }
        return new NemesisPlan(seed, usable, planned);
    }

    public long seed() {
        return seed;
    }

    /** The fault kinds the plan drew from. */
    public List<FaultKind> kinds() {
        return kinds;
    }

    public List<NemesisRound> rounds() {
        return rounds;
    }

    private static Fault draw(FaultKind kind, int nodes, Random random) {
        return switch (kind) {
            case KILL -> switch (random.nextInt(3)) {
                case 0 -> new Fault.Kill(List.of(NodeChoice.leaderElse(random.nextInt(nodes))));
                case 1 -> new Fault.Kill(fixed(shuffled(nodes, random).subList(0, 1 + random.nextInt(minorityBound(nodes)))));
                default -> {
                    int majority = nodes / 2 + 1;
                    yield new Fault.Kill(fixed(shuffled(nodes, random).subList(0, majority + random.nextInt(nodes - majority + 1))));
                }
            };
            case PAUSE -> new Fault.Pause(random.nextBoolean()
                    ? NodeChoice.leaderElse(random.nextInt(nodes)) : NodeChoice.node(random.nextInt(nodes)));
            case PARTITION -> {
                List<Integer> order = shuffled(nodes, random);
                int minority = 1 + random.nextInt(minorityBound(nodes));
                yield new Fault.Partition(new TreeSet<>(order.subList(0, minority)),
                        new TreeSet<>(order.subList(minority, nodes)));
            }
            case ISOLATE_LEADER -> new Fault.IsolateLeader(NodeChoice.leaderElse(random.nextInt(nodes)));
            case ASYMMETRIC -> new Fault.Asymmetric(random.nextBoolean()
                    ? NodeChoice.leaderElse(random.nextInt(nodes)) : NodeChoice.node(random.nextInt(nodes)),
                    random.nextBoolean());
            case BRIDGE -> {
                List<Integer> order = shuffled(nodes, random);
                int sideA = (nodes - 1) / 2;
                yield new Fault.Bridge(order.get(0), new TreeSet<>(order.subList(1, 1 + sideA)),
                        new TreeSet<>(order.subList(1 + sideA, nodes)));
            }
        };
    }

    /** How many sizes a minority can have: 1 .. (n-1)/2 nodes, and at least one (two nodes split 1 | 1). */
    private static int minorityBound(int nodes) {
        return Math.max(1, (nodes - 1) / 2);
    }

    private static List<Integer> shuffled(int nodes, Random random) {
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < nodes; i++) {
            order.add(i);
        }
        Collections.shuffle(order, random);
        return order;
    }

    private static List<NodeChoice> fixed(List<Integer> indices) {
        return new TreeSet<>(indices).stream().map(NodeChoice::node).toList();
    }

    private static Duration fraction(Duration whole, double share) {
        return Duration.ofNanos(Math.round(whole.toNanos() * share));
    }
}
