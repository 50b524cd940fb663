package io.graphraft.bench.load;

import io.graphraft.reports.runfiles.RunFiles;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

import java.time.Duration;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Sends requests on a fixed schedule ({@link OpenLoopSchedule}) with as many in flight as the
 * system lets through, and records two latencies per request, each exactly once:
 * <ul>
 *   <li>response time = completion − intended start (what a user at this rate sees);</li>
 *   <li>service time = completion − actual send (what the system took once it got the request).</li>
 * </ul>
 * They differ when sending falls behind the schedule (a client that blocks, a full window). The
 * response time already contains that delay, so it is never "corrected" again (no
 * {@code recordValueWithExpectedInterval}). Past {@code maxInFlight} outstanding requests the run
 * stops early and is marked saturated: the rate is beyond what the system sustains.
 * <p>
 * Each request is a read or a write ({@link RequestKind}); besides the distributions of all requests,
 * each kind's response and service times land in histograms of their own ({@link Outcome#byKind()}).
 */
public final class OpenLoopDriver {
    public enum RequestKind { READ, WRITE }

    /** One request to send: its kind, and how to send it. */
    public record Request(RequestKind kind, Supplier<CompletableFuture<?>> send) {
    }

    /** The requests of a run, in order; called from the driver's one sending thread. */
    @FunctionalInterface
    public interface RequestSource {
        Request next();
    }

    private final RequestSource requests;

    /** Every request a write sent by {@code request} (the write-only runs). */
    public OpenLoopDriver(Supplier<CompletableFuture<?>> request) {
        this((RequestSource) () -> new Request(RequestKind.WRITE, request));
    }

    public OpenLoopDriver(RequestSource requests) {
        this.requests = requests;
    }

    /** One interval's progress, for a line per interval while the run goes. */
    public record Progress(double elapsedSeconds, long sent, long completed, long failed, long inFlight,
                           Histogram intervalResponse) {
    }

    /** One kind's share of a run: its counts and its own response and service distributions. */
    public record KindOutcome(long sent, long completed, long failed, Histogram response, Histogram service) {
    }

    /** A run: all requests together, and by kind (the kinds it sent). */
    public record Outcome(double ratePerSecond, double seconds, long sent, long completed, long failed,
                          boolean saturated, Histogram response, Histogram service, Map<RequestKind, KindOutcome> byKind) {
        public Outcome {
            byKind = Collections.unmodifiableMap(byKind.isEmpty() ? Map.of() : new EnumMap<>(byKind));
        }

        /** A run whose kinds are not told apart. */
        public Outcome(double ratePerSecond, double seconds, long sent, long completed, long failed,
                       boolean saturated, Histogram response, Histogram service) {
            this(ratePerSecond, seconds, sent, completed, failed, saturated, response, service, Map.of());
        }

        public double achievedPerSecond() {
            return seconds > 0 ? completed / seconds : 0;
        }

        /** Completions of one kind per second of sending. */
        public double achievedPerSecond(RequestKind kind) {
            KindOutcome of = byKind.get(kind);
            return seconds > 0 && of != null ? of.completed() / seconds : 0;
        }
    }

    /** Counters and recorders of one kind while a run goes. */
    private static final class KindTally {
        final Recorder response = new Recorder(RunFiles.SIGNIFICANT_DIGITS);
        final Recorder service = new Recorder(RunFiles.SIGNIFICANT_DIGITS);
        final AtomicLong completed = new AtomicLong();
        final AtomicLong failed = new AtomicLong();
        long sent;

        KindOutcome outcome() {
            return new KindOutcome(sent, completed.get(), failed.get(), response.getIntervalHistogram(),
                    service.getIntervalHistogram());
        }
    }

    public Outcome run(double ratePerSecond, Duration duration, int maxInFlight, Duration progressEvery,
                       Consumer<Progress> progress) {
        Recorder response = new Recorder(RunFiles.SIGNIFICANT_DIGITS);
        Recorder service = new Recorder(RunFiles.SIGNIFICANT_DIGITS);
        Histogram allResponse = new Histogram(RunFiles.SIGNIFICANT_DIGITS);
        Histogram allService = new Histogram(RunFiles.SIGNIFICANT_DIGITS);
        AtomicLong completed = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        AtomicLong outstanding = new AtomicLong();
        Map<RequestKind, KindTally> tallies = new EnumMap<>(RequestKind.class);
        for (RequestKind kind : RequestKind.values()) {
            tallies.put(kind, new KindTally());
        }

        OpenLoopSchedule schedule = new OpenLoopSchedule(System.nanoTime(), ratePerSecond);
        long total = schedule.requestsWithin(duration.toNanos());
        long nextProgress = schedule.startNanos() + progressEvery.toNanos();
        Histogram interval = null;
        long sent = 0;
        boolean saturated = false;
        for (long i = 0; i < total; i++) {
            long intended = schedule.intendedStart(i);
            waitUntil(intended);
            if (outstanding.get() >= maxInFlight) {
                saturated = true;
                break;
            }
            long actual = System.nanoTime();
            outstanding.incrementAndGet();
            sent++;
            Request next = requests.next();
            KindTally tally = tallies.get(next.kind());
            tally.sent++;
            CompletableFuture<?> answer;
            try {
                answer = next.send().get();
            } catch (RuntimeException e) {
                answer = CompletableFuture.failedFuture(e);
            }
            answer.whenComplete((result, failure) -> {
                long now = System.nanoTime();
                if (failure == null) {
                    response.recordValue(now - intended);
                    service.recordValue(now - actual);
                    tally.response.recordValue(now - intended);
                    tally.service.recordValue(now - actual);
                    completed.incrementAndGet();
                    tally.completed.incrementAndGet();
                } else {
                    failed.incrementAndGet();
                    tally.failed.incrementAndGet();
                }
                outstanding.decrementAndGet();
            });
            if (System.nanoTime() >= nextProgress) {
                interval = response.getIntervalHistogram(interval);
                allResponse.add(interval);
                progress.accept(new Progress((System.nanoTime() - schedule.startNanos()) / 1e9, sent,
                        completed.get(), failed.get(), outstanding.get(), interval));
                nextProgress += progressEvery.toNanos();
            }
        }
        long sendingEnded = System.nanoTime();
        awaitOutstanding(outstanding, Duration.ofSeconds(60));
        allResponse.add(response.getIntervalHistogram());
        allService.add(service.getIntervalHistogram());
        double seconds = (sendingEnded - schedule.startNanos()) / 1e9;
        Map<RequestKind, KindOutcome> byKind = new EnumMap<>(RequestKind.class);
        tallies.forEach((kind, tally) -> {
            if (tally.sent > 0) {
                byKind.put(kind, tally.outcome());
            }
        });
        return new Outcome(ratePerSecond, seconds, sent, completed.get(), failed.get(), saturated, allResponse, allService,
                byKind);
    }

    private static void waitUntil(long nanoTime) {
        for (long left = nanoTime - System.nanoTime(); left > 0; left = nanoTime - System.nanoTime()) {
            if (left > 50_000) {
                LockSupport.parkNanos(left - 20_000);
            } else {
                Thread.onSpinWait();
            }
        }
    }

    private static void awaitOutstanding(AtomicLong outstanding, Duration limit) {
        org.awaitility.Awaitility.await("outstanding open-loop requests").atMost(limit)
                .pollInterval(Duration.ofMillis(2)).until(() -> outstanding.get() == 0);
    }
}
