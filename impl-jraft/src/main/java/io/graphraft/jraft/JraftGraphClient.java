package io.graphraft.jraft;

import com.alipay.sofa.jraft.error.RemotingException;
import com.alipay.sofa.jraft.option.RpcOptions;
import com.alipay.sofa.jraft.rpc.InvokeCallback;
import com.alipay.sofa.jraft.rpc.RpcClient;
import com.alipay.sofa.jraft.rpc.impl.BoltRpcClient;
import com.alipay.sofa.jraft.util.Endpoint;
import com.alipay.sofa.jraft.util.RpcFactoryHelper;
import io.graphraft.core.codec.Codec;
import io.graphraft.core.engine.EngineUnavailableException;
import io.graphraft.core.engine.GraphClient;
import io.graphraft.core.engine.ReadConsistency;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A {@link GraphClient} that talks to the members by address over jraft's bolt RPC (its own
 * connections), sending {@link GraphRequest}s to the member it takes for the leader.
 * <ul>
 *   <li>Writes: a member that is not the leader answers REDIRECT with the leader it knows, and the
 *       client follows it; without a hint, or when a member cannot be reached, it tries the next
 *       member after a short pause. It retries only what provably was not appended (a redirect, a
 *       busy leader, a connection that could not be made): a write that reached the leader and then
 *       failed or got no answer fails with {@link EngineUnavailableException}, since it may still
 *       commit and jraft has no retry cache to apply it only once; after no answer the client takes
 *       the next member for the leader (a paused leader keeps its connections open and answers nothing).</li>
 *   <li>LINEARIZABLE reads go to the same member (a read index there); any failure moves them on.</li>
 *   <li>LEASE reads go to the same member, which serves them only while it is the leader (a
 *       follower redirects); any failure moves them on.</li>
 *   <li>LOCAL reads are answered by the member the client takes for the leader, from its own state.</li>
 *   <li>FOLLOWER reads go to a member other than the one the client takes for the leader, and are
 *       answered only by a member that is not the leader (the leader refuses, naming itself, and the
 *       client asks the next member); when no follower answers by the deadline they fail, saying why.</li>
 * </ul>
 * Every future completes within the spec's request timeout, exceptionally with
 * {@link EngineUnavailableException} unless a member answered with a result.
 */
final class JraftGraphClient implements GraphClient {
    static final Duration RETRY_PAUSE = Duration.ofMillis(20);
    private static final AtomicInteger CLIENTS = new AtomicInteger();

    private final Codec codec;
    private final List<Endpoint> members;
    private final Duration requestTimeout;
    private final Duration readAttemptTimeout;
    private final RpcClient rpc;
    private final ScheduledExecutorService executor;
    /** The member taken for the leader. */
    private volatile int target;
    private volatile boolean closed;

    JraftGraphClient(Codec codec, List<Endpoint> members, JraftSettings settings, Optional<BoltTls> tls) {
        GraphRpcSerializer.register();
        this.codec = codec;
        this.members = List.copyOf(members);
        this.requestTimeout = settings.requestTimeout();
        this.readAttemptTimeout = settings.readAttemptTimeout();
        this.rpc = RpcFactoryHelper.rpcFactory().createRpcClient();
        tls.ifPresent(t -> t.applyTo(((BoltRpcClient) rpc).getRpcClient()));
        RpcOptions options = new RpcOptions();
        // A member that cannot be reached is skipped; bolt's background reconnects to it would only add noise.
        options.setEnableBoltReconnect(false);
        this.rpc.init(options);
        String name = "jraft-client-" + CLIENTS.incrementAndGet();
        this.executor = Executors.newScheduledThreadPool(2, runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        });
    }

    @Override
    public Codec codec() {
        return codec;
    }

    @Override
    public CompletableFuture<byte[]> submitEncoded(byte[] command) {
        return call(GraphRequest.Kind.WRITE, command);
    }

    @Override
    public CompletableFuture<byte[]> readEncoded(byte[] query, ReadConsistency consistency) {
        return switch (consistency) {
            case LINEARIZABLE -> call(GraphRequest.Kind.LINEARIZABLE_READ, query);
            case LEASE -> call(GraphRequest.Kind.LEASE_READ, query);
            case LOCAL -> call(GraphRequest.Kind.LOCAL_READ, query);
            case FOLLOWER -> members.size() < 2
                    ? CompletableFuture.failedFuture(new EngineUnavailableException(
                            "jraft follower read: a cluster of one member has no follower to read from"))
                    : call(GraphRequest.Kind.FOLLOWER_READ, query);
        };
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        rpc.shutdown();
        executor.shutdownNow();
    }

    private CompletableFuture<byte[]> call(GraphRequest.Kind kind, byte[] payload) {
        if (closed) {
            return CompletableFuture.failedFuture(new EngineUnavailableException("the jraft client is closed"));
        }
        Call call = new Call(kind, payload, System.nanoTime() + requestTimeout.toNanos());
        attempt(call, kind == GraphRequest.Kind.FOLLOWER_READ ? followerAfter(target) : target);
        return call.answer.orTimeout(requestTimeout.toMillis(), TimeUnit.MILLISECONDS).handle((result, error) -> {
            if (error == null) {
                return result;
            }
            Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
            if (cause instanceof EngineUnavailableException unavailable) {
                throw unavailable;
            }
            if (cause instanceof TimeoutException) {
                throw new EngineUnavailableException("jraft " + call.what() + " got no answer within "
                        + requestTimeout.toMillis() + " ms (" + (call.kind == GraphRequest.Kind.FOLLOWER_READ
                        ? "no follower answered" : "no leader, or the leader has no quorum") + "); last problem: "
                        + call.problem, cause);
            }
            throw new EngineUnavailableException("jraft " + call.what() + " failed: " + cause, cause);
        });
    }

    private void attempt(Call call, int member) {
        if (call.answer.isDone()) {
            return;
        }
        if (closed) {
            call.fail("the jraft client was closed");
            return;
        }
        long remaining = call.deadline - System.nanoTime();
        if (remaining <= 0) {
            return; // the answer's timeout fails it
        }
        boolean oneMemberOfMany = call.kind != GraphRequest.Kind.WRITE && call.kind != GraphRequest.Kind.LOCAL_READ;
        long timeoutMillis = Math.max(1, TimeUnit.NANOSECONDS.toMillis(oneMemberOfMany
                ? Math.min(remaining, readAttemptTimeout.toNanos()) : remaining));
        Endpoint endpoint = members.get(member);
        try {
            rpc.invokeAsync(endpoint, new GraphRequest(call.kind, (int) Math.min(Integer.MAX_VALUE, timeoutMillis), call.payload),
                    new Answer(call, member), timeoutMillis);
        } catch (RemotingException e) {
            // Not sent (no connection to the member): nothing can have been appended.
            call.problem = endpoint + " unreachable: " + e.getMessage();
            moveOn(call, member);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            call.fail("interrupted while sending to " + endpoint);
        }
    }

    /**
     * Tries the member after {@code member} after a pause, and takes it for the leader unless another answer
     * moved the guess already; a follower read tries the next member not taken for the leader instead.
     */
    private void moveOn(Call call, int member) {
        if (call.kind == GraphRequest.Kind.FOLLOWER_READ) {
            later(() -> attempt(call, followerAfter(member)), call);
        } else {
            later(() -> attempt(call, passOver(member)), call);
        }
    }

    /** The first member after {@code member} (in member order, wrapping) that the client does not take for the leader. */
    private int followerAfter(int member) {
        int leader = target;
        for (int step = 1; step <= members.size(); step++) {
            int next = (member + step) % members.size();
            if (next != leader) {
                return next;
            }
        }
        return member;
    }

    /** Takes the member after {@code member} for the leader, unless another answer moved the guess already; returns it. */
    private int passOver(int member) {
        int next = (member + 1) % members.size();
        if (target == member) {
            target = next;
        }
        return next;
    }

    private void later(Runnable attempt, Call call) {
        try {
            executor.schedule(attempt, RETRY_PAUSE.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            call.fail("the jraft client was closed");
        }
    }

    private int memberAt(String address) {
        for (int i = 0; i < members.size(); i++) {
            if (members.get(i).toString().equals(address)) {
                return i;
            }
        }
        return -1;
    }

    /** One request until it is answered or out of time. */
    private static final class Call {
        final GraphRequest.Kind kind;
        final byte[] payload;
        final long deadline;
        final CompletableFuture<byte[]> answer = new CompletableFuture<>();
        volatile String problem = "none";

        Call(GraphRequest.Kind kind, byte[] payload, long deadline) {
            this.kind = kind;
            this.payload = payload;
            this.deadline = deadline;
        }

        String what() {
            return switch (kind) {
                case WRITE -> "write";
                case LINEARIZABLE_READ -> "linearizable read";
                case LEASE_READ -> "lease read";
                case LOCAL_READ -> "local read";
                case FOLLOWER_READ -> "follower read";
            };
        }

        void fail(String why) {
            answer.completeExceptionally(new EngineUnavailableException("jraft " + what() + " failed: " + why));
        }
    }

    /** A member's answer (or its absence) to one attempt, handled on the client's executor. */
    private final class Answer implements InvokeCallback {
        private final Call call;
        private final int member;

        Answer(Call call, int member) {
            this.call = call;
            this.member = member;
        }

        @Override
        public Executor executor() {
            return executor;
        }

        @Override
        public void complete(Object result, Throwable error) {
            Endpoint endpoint = members.get(member);
            if (error != null) {
                call.problem = endpoint + ": " + error;
                if (call.kind == GraphRequest.Kind.WRITE) {
                    // Not retried, but the next request tries another member: this one may be gone or frozen.
                    passOver(member);
                    call.fail("the write sent to " + endpoint + " got no answer (" + error
                            + "); it may or may not be applied");
                } else {
                    moveOn(call, member);
                }
                return;
            }
            GraphResponse response = (GraphResponse) result;
            switch (response.status()) {
                case OK -> {
                    if (call.kind != GraphRequest.Kind.LOCAL_READ && call.kind != GraphRequest.Kind.FOLLOWER_READ) {
                        target = member;
                    }
                    call.answer.complete(response.payload());
                }
                case REDIRECT -> {
                    call.problem = endpoint + ": " + response.message();
                    int leader = memberAt(response.leaderHint());
                    if (call.kind == GraphRequest.Kind.FOLLOWER_READ) {
                        if (leader >= 0) {
                            target = leader;
                        }
                        moveOn(call, member);
                    } else if (leader >= 0 && leader != member) {
                        target = leader;
                        attempt(call, leader);
                    } else {
                        moveOn(call, member);
                    }
                }
                case BUSY -> {
                    call.problem = endpoint + ": " + response.message();
                    later(() -> attempt(call, member), call);
                }
                case FAILED -> {
                    call.problem = endpoint + ": " + response.message();
                    if (call.kind == GraphRequest.Kind.WRITE) {
                        call.fail(endpoint + ": " + response.message());
                    } else {
                        moveOn(call, member);
                    }
                }
            }
        }
    }
}
