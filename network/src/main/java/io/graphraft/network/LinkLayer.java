package io.graphraft.network;

import io.netty.channel.EventLoopGroup;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.UnaryOperator;

/**
 * The network between the members of one cluster, emulated in user space: a TCP proxy per directed
 * pair {@code i -> j} (see {@link LinkProxy}) and a {@link Link} per directed pair whose
 * {@link LinkConditions} (delay, jitter, bandwidth, cut) can change at any time. Member {@code i}
 * must be told to reach member {@code j} at {@link #address(int, int) address(i, j)}; then every byte
 * travelling from {@code i} to {@code j}, on any connection whichever side opened it, crosses
 * link(i,j), and every byte from {@code j} to {@code i} crosses link(j,i).
 *
 * <p>Members are numbered {@code 0..n-1}. It works the same whether the members run in this JVM or
 * in processes of their own: it only needs their TCP addresses on 127.0.0.1.
 */
public final class LinkLayer implements AutoCloseable {
    private final int members;
    private final EventLoopTransport transport;
    private final EventLoopGroup group;
    private final AtomicReferenceArray<InetSocketAddress> memberAddresses;
    private final Link[][] links;
    private final LinkProxy[][] proxies;
    private final SplittableRandom seeds;
    private final long timerSlackNanos;
    private final Recorder releaseLateness = new Recorder(3);

    private LinkLayer(Builder builder) {
        members = builder.members.size();
        if (members < 2) {
            throw new IllegalArgumentException("a link layer needs at least 2 members, got " + members);
        }
        transport = builder.transport;
        memberAddresses = new AtomicReferenceArray<>(builder.members.toArray(InetSocketAddress[]::new));
        seeds = new SplittableRandom(builder.seed);
        links = new Link[members][members];
        proxies = new LinkProxy[members][members];
        for (int from = 0; from < members; from++) {
            for (int to = 0; to < members; to++) {
                if (from != to) {
                    links[from][to] = new Link(from, to, releaseLateness);
                }
            }
        }
        group = transport.newGroup(builder.threads, "graphraft-link");
        try {
            timerSlackNanos = TimerSlack.minimize(group);
            for (int from = 0; from < members; from++) {
                for (int to = 0; to < members; to++) {
                    if (from != to) {
                        int target = to;
                        proxies[from][to] = new LinkProxy(group, transport, links[from][to], links[to][from],
                                () -> memberAddresses.get(target), builder.maxHeldBytes, this::nextRandom);
                    }
                }
            }
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    /** A link layer for members listening at {@code memberAddresses} (index = member number). */
    public static Builder builder(List<InetSocketAddress> memberAddresses) {
        return new Builder(memberAddresses);
    }

    public static LinkLayer start(List<InetSocketAddress> memberAddresses) {
        return builder(memberAddresses).start();
    }

    public int members() {
        return members;
    }

    public EventLoopTransport transport() {
        return transport;
    }

    /** The timer slack of the event-loop threads in nanoseconds (lowered to 1 where Linux allows), -1 if unknown. */
    public long timerSlackNanos() {
        return timerSlackNanos;
    }

    /** Where member {@code from} must reach member {@code to}: its proxy, or {@code to}'s own address when they are the same member. */
    public InetSocketAddress address(int from, int to) {
        check(from);
        check(to);
        return from == to ? memberAddresses.get(to) : proxies[from][to].address();
    }

    /** Every member's address as member {@code from} must see them (index = member number). */
    public List<InetSocketAddress> addressesSeenBy(int from) {
        List<InetSocketAddress> seen = new ArrayList<>(members);
        for (int to = 0; to < members; to++) {
            seen.add(address(from, to));
        }
        return seen;
    }

    public InetSocketAddress memberAddress(int member) {
        check(member);
        return memberAddresses.get(member);
    }

    /** A member now listens elsewhere (restarted on another port): new connections to it go there. */
    public void setMemberAddress(int member, InetSocketAddress address) {
        check(member);
        memberAddresses.set(member, Objects.requireNonNull(address, "address"));
    }

    public LinkConditions conditions(int from, int to) {
        return link(from, to).conditions();
    }

    public void setConditions(int from, int to, LinkConditions conditions) {
        link(from, to).setConditions(Objects.requireNonNull(conditions, "conditions"));
    }

    /** Bytes link(from,to) has delivered so far: proof that traffic really crosses it. */
    public long bytesDelivered(int from, int to) {
        return link(from, to).bytesDelivered();
    }

    /**
     * From now on keeps a copy of the first {@code maxBytes} bytes link(from,to) delivers (what a
     * packet capture on that link would show), e.g. to check whether traffic crosses it in plain text.
     */
    public void record(int from, int to, int maxBytes) {
        link(from, to).record(maxBytes);
    }

    /** The bytes {@link #record} kept for link(from,to) so far (empty if it was not asked to). */
    public byte[] recorded(int from, int to) {
        return link(from, to).recorded();
    }

    /**
     * How late the links handed bytes to their destination sockets, relative to the release times
     * their conditions gave (nanoseconds, one value per released chunk, all links), since the previous
     * call: the emulation's own error (bytes held by a cut count as late by the cut's length). A round
     * trip measured end to end adds the endpoints' own wake-ups to this.
     */
    public Histogram takeReleaseLateness() {
        return releaseLateness.getIntervalHistogram();
    }

    public void setDelay(int from, int to, Duration delay, Duration jitter) {
        update(from, to, c -> c.withDelay(delay, jitter));
    }

    /** Every link gets half the round trip as its one-way delay, no jitter. */
    public void setRtt(Duration rtt) {
        setRtt(rtt, Duration.ZERO);
    }

    /** Every link gets half the round trip as its one-way delay, with {@code jitter} around it. */
    public void setRtt(Duration rtt, Duration jitter) {
        Objects.requireNonNull(rtt, "rtt");
        Duration oneWay = rtt.dividedBy(2);
        forEachLink(link -> updateLink(link, c -> c.withDelay(oneWay, jitter)));
    }

    public void setBandwidth(int from, int to, long bytesPerSecond) {
        update(from, to, c -> c.withBandwidth(bytesPerSecond));
    }

    /** Caps every directed link at {@code bytesPerSecond} (0: no cap). */
    public void setBandwidth(long bytesPerSecond) {
        forEachLink(link -> updateLink(link, c -> c.withBandwidth(bytesPerSecond)));
    }

    /** Nothing crosses from {@code from} to {@code to} until {@link #heal(int, int)}; the other direction is untouched. */
    public void cut(int from, int to) {
        update(from, to, c -> c.withCut(true));
    }

    public void heal(int from, int to) {
        update(from, to, c -> c.withCut(false));
    }

    /** Cuts every link to and from {@code member}; the others still reach each other. */
    public void isolate(int member) {
        check(member);
        for (int other = 0; other < members; other++) {
            if (other != member) {
                cut(member, other);
                cut(other, member);
            }
        }
    }

    /**
     * A full partition: members reach each other within a group and nobody across groups. The groups
     * must name every member exactly once. Replaces every cut in place (delays and caps stay).
     */
    @SafeVarargs
    public final void partition(Set<Integer>... groups) {
        int[] groupOf = groupOfEachMember(groups);
        for (int from = 0; from < members; from++) {
            for (int to = 0; to < members; to++) {
                if (from != to) {
                    boolean apart = groupOf[from] != groupOf[to];
                    update(from, to, c -> c.withCut(apart));
                }
            }
        }
    }

    /**
     * A bridge partition: {@code sideA} and {@code sideB} cannot reach each other, {@code bridge}
     * reaches both and both reach it. Together they must name every member exactly once. Replaces
     * every cut in place.
     */
    public void bridge(int bridge, Set<Integer> sideA, Set<Integer> sideB) {
        int[] groupOf = groupOfEachMember(Set.of(bridge), sideA, sideB);
        for (int from = 0; from < members; from++) {
            for (int to = 0; to < members; to++) {
                if (from != to) {
                    boolean apart = groupOf[from] != 0 && groupOf[to] != 0 && groupOf[from] != groupOf[to];
                    update(from, to, c -> c.withCut(apart));
                }
            }
        }
    }

    /** Heals every cut; delays and bandwidth caps stay as they are. */
    public void healAll() {
        forEachLink(link -> updateLink(link, c -> c.withCut(false)));
    }

    @Override
    public void close() {
        for (LinkProxy[] row : proxies) {
            for (LinkProxy proxy : row) {
                if (proxy != null) {
                    proxy.close();
                }
            }
        }
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
    }

    private int[] groupOfEachMember(Set<?>... groups) {
        int[] groupOf = new int[members];
        Arrays.fill(groupOf, -1);
        for (int g = 0; g < groups.length; g++) {
            for (Object element : groups[g]) {
                int member = (Integer) element;
                check(member);
                if (groupOf[member] != -1) {
                    throw new IllegalArgumentException("member " + member + " is named in two groups: "
                            + Arrays.toString(groups));
                }
                groupOf[member] = g;
            }
        }
        Set<Integer> missing = new HashSet<>();
        for (int member = 0; member < members; member++) {
            if (groupOf[member] == -1) {
                missing.add(member);
            }
        }
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException("members " + missing + " are in no group of " + Arrays.toString(groups)
                    + "; every one of the " + members + " members must be placed");
        }
        return groupOf;
    }

    private synchronized SplittableRandom nextRandom() {
        return seeds.split();
    }

    private void update(int from, int to, UnaryOperator<LinkConditions> change) {
        updateLink(link(from, to), change);
    }

    private synchronized void updateLink(Link link, UnaryOperator<LinkConditions> change) {
        link.setConditions(change.apply(link.conditions()));
    }

    private void forEachLink(java.util.function.Consumer<Link> action) {
        for (Link[] row : links) {
            for (Link link : row) {
                if (link != null) {
                    action.accept(link);
                }
            }
        }
    }

    private Link link(int from, int to) {
        check(from);
        check(to);
        if (from == to) {
            throw new IllegalArgumentException("member " + from + " has no link to itself");
        }
        return links[from][to];
    }

    private void check(int member) {
        if (member < 0 || member >= members) {
            throw new IllegalArgumentException("no member " + member + " (members are 0.." + (members - 1) + ")");
        }
    }

    public static final class Builder {
        private final List<InetSocketAddress> members;
        private EventLoopTransport transport = EventLoopTransport.best();
        private int threads = 1;
        private long seed = 1;
        private long maxHeldBytes = 4 << 20;

        private Builder(List<InetSocketAddress> members) {
            this.members = List.copyOf(Objects.requireNonNull(members, "member addresses"));
        }

        public Builder transport(EventLoopTransport transport) {
            this.transport = Objects.requireNonNull(transport, "transport");
            return this;
        }

        /** Event-loop threads for all proxies (default 1: on a small machine the members need the cores). */
        public Builder threads(int threads) {
            if (threads < 1) {
                throw new IllegalArgumentException("threads must be at least 1, got " + threads);
            }
            this.threads = threads;
            return this;
        }

        /** Seed of the jitter draws, so a run's delays can be repeated. */
        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /**
         * Bytes one direction of one connection may hold (in flight on the emulated wire) before the
         * proxy stops reading from the sender; like a TCP window, it bounds throughput to about
         * {@code maxHeldBytes / delay}. Default 4 MiB, Linux's default maximum send buffer.
         */
        public Builder maxHeldBytes(long maxHeldBytes) {
            if (maxHeldBytes < 1) {
                throw new IllegalArgumentException("maxHeldBytes must be positive, got " + maxHeldBytes);
            }
            this.maxHeldBytes = maxHeldBytes;
            return this;
        }

        public LinkLayer start() {
            return new LinkLayer(this);
        }
    }
}
