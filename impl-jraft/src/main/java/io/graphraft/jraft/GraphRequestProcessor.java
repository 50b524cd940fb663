package io.graphraft.jraft;

import com.alipay.sofa.jraft.Node;
import com.alipay.sofa.jraft.Status;
import com.alipay.sofa.jraft.closure.ReadIndexClosure;
import com.alipay.sofa.jraft.entity.PeerId;
import com.alipay.sofa.jraft.entity.Task;
import com.alipay.sofa.jraft.error.RaftError;
import com.alipay.sofa.jraft.option.ReadOnlyOption;
import com.alipay.sofa.jraft.rpc.RpcContext;
import com.alipay.sofa.jraft.rpc.RpcProcessor;
import io.graphraft.core.statemachine.GraphStateMachine;

import java.nio.ByteBuffer;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Serves {@link GraphRequest}s on one member's RPC server (bolt's executor runs it; nothing here
 * blocks).
 * <ul>
 *   <li>Writes: a member that is not the leader redirects (naming the leader it knows). The leader
 *       submits the command as one jraft {@link Task} (a Batch is one command, so one entry) and
 *       answers from the task's closure once the entry is applied. A failed task is reported as
 *       FAILED, never as something to retry: it may have been appended and may still commit.</li>
 *   <li>LINEARIZABLE reads: {@code Node.readIndex} (jraft's ReadOnlySafe: the leader confirms its
 *       leadership with a heartbeat round; a follower asks the leader), then the local graph.</li>
 *   <li>LEASE reads: only the leader serves them (a follower redirects to the leader it knows):
 *       {@code Node.readIndex(ReadOnlyLeaseBased, ...)}, which skips the heartbeat round while the
 *       leader's lease holds and falls back to ReadOnlySafe's round once it expired (jraft's
 *       {@code NodeImpl.readLeader}), so a leader cut off from its majority cannot answer.</li>
 *   <li>LOCAL reads: the local graph as it is.</li>
 *   <li>FOLLOWER reads: the local graph as it is on a member that is not the leader; the leader
 *       answers REDIRECT naming itself, so the client asks another member.</li>
 * </ul>
 * Writes and linearizable reads in flight are bounded ({@code permits}, half of jraft's disruptor
 * ring): beyond it the member answers BUSY at once instead of filling jraft's apply or read-index
 * queue, whose overflow jraft reports as an error.
 */
final class GraphRequestProcessor implements RpcProcessor<GraphRequest> {
    private static final byte[] NO_CONTEXT = new byte[0];

    private final Node node;
    private final GraphStateMachine graph;
    private final int permits;
    private final Semaphore inFlight;

    GraphRequestProcessor(Node node, GraphStateMachine graph, int permits) {
        this.node = node;
        this.graph = graph;
        this.permits = permits;
        this.inFlight = new Semaphore(permits);
    }

    @Override
    public String interest() {
        return GraphRequest.class.getName();
    }

    @Override
    public void handleRequest(RpcContext context, GraphRequest request) {
        if (!node.getNodeState().isActive()) {
            // in jraft's error state (being fail-stopped) or shutting down: its graph may be partly applied
            context.sendResponse(GraphResponse.redirect("", node.getNodeId() + " is " + node.getNodeState()));
            return;
        }
        try {
            switch (request.kind()) {
                case WRITE -> write(context, request);
                case LINEARIZABLE_READ -> readIndex(context, request, ReadOnlyOption.ReadOnlySafe);
                case LEASE_READ -> leaseRead(context, request);
                case LOCAL_READ -> context.sendResponse(GraphResponse.ok(graph.query(request.payload())));
                case FOLLOWER_READ -> followerRead(context, request);
            }
        } catch (RuntimeException e) {
            // e.g. the graph closed under a stopping member; bolt would otherwise send the exception back
            context.sendResponse(GraphResponse.redirect(leaderHint(), "member cannot serve: " + e));
        }
    }

    private void write(RpcContext context, GraphRequest request) {
        if (!node.isLeader()) {
            context.sendResponse(GraphResponse.redirect(leaderHint(), "not the leader"));
            return;
        }
        if (!inFlight.tryAcquire()) {
            context.sendResponse(GraphResponse.busy(tooMany()));
            return;
        }
        WriteClosure done = new WriteClosure(context);
        try {
            node.apply(new Task(ByteBuffer.wrap(request.payload()), done));
        } catch (IllegalStateException shuttingDown) {
            // jraft has already run the closure with ENODESHUTDOWN
        }
    }

    private void leaseRead(RpcContext context, GraphRequest request) {
        if (!node.isLeader()) {
            context.sendResponse(GraphResponse.redirect(leaderHint(), "lease reads are served by the leader only"));
            return;
        }
        readIndex(context, request, ReadOnlyOption.ReadOnlyLeaseBased);
    }

    private void followerRead(RpcContext context, GraphRequest request) {
        if (node.isLeader()) {
            context.sendResponse(GraphResponse.redirect(leaderHint(), node.getNodeId() + " is the leader, not a follower"));
            return;
        }
        context.sendResponse(GraphResponse.ok(graph.query(request.payload())));
    }

    private void readIndex(RpcContext context, GraphRequest request, ReadOnlyOption option) {
        if (!inFlight.tryAcquire()) {
            context.sendResponse(GraphResponse.busy(tooMany()));
            return;
        }
        ReadClosure done = new ReadClosure(context, request);
        try {
            node.readIndex(option, NO_CONTEXT, done);
        } catch (IllegalStateException shuttingDown) {
            // jraft has already run the closure with EHOSTDOWN
        }
    }

    private String tooMany() {
        return node.getNodeId() + " has its maximum of " + permits + " writes and linearizable reads in flight";
    }

    private String leaderHint() {
        PeerId leader = node.getLeaderId();
        return leader == null || leader.isEmpty() ? "" : leader.getEndpoint().toString();
    }

    /**
     * Answers a linearizable read once its read index is reached. jraft may call it twice: its
     * timeout task and a failed read-index round both call {@code run(Status, long, byte[])}, and the
     * round bypasses the closure's own once-only guard; so this answers the first call only.
     */
    private final class ReadClosure extends ReadIndexClosure {
        private final RpcContext context;
        private final GraphRequest request;
        private final AtomicBoolean answered = new AtomicBoolean();

        ReadClosure(RpcContext context, GraphRequest request) {
            super(Math.max(1, request.timeoutMillis()));
            this.context = context;
            this.request = request;
        }

        @Override
        public void run(Status status, long index, byte[] requestContext) {
            if (!answered.compareAndSet(false, true)) {
                return;
            }
            inFlight.release();
            if (!status.isOk()) {
                context.sendResponse(GraphResponse.redirect(leaderHint(), "read index failed: " + status));
                return;
            }
            try {
                context.sendResponse(GraphResponse.ok(graph.query(request.payload())));
            } catch (RuntimeException e) {
                context.sendResponse(GraphResponse.redirect(leaderHint(), "member cannot serve: " + e));
            }
        }
    }

    /** Answers a write once jraft ran its task's closure (once; the guard only protects the permit count). */
    private final class WriteClosure implements GraphJraftStateMachine.ResultClosure {
        private final RpcContext context;
        private final AtomicBoolean answered = new AtomicBoolean();
        private byte[] result;

        WriteClosure(RpcContext context) {
            this.context = context;
        }

        @Override
        public void setResult(byte[] result) {
            this.result = result;
        }

        @Override
        public void run(Status status) {
            if (!answered.compareAndSet(false, true)) {
                return;
            }
            inFlight.release();
            if (status.isOk()) {
                context.sendResponse(GraphResponse.ok(result));
            } else if (status.getRaftError() == RaftError.EBUSY) {
                context.sendResponse(GraphResponse.busy("jraft is busy: " + status.getErrorMsg()));
            } else {
                context.sendResponse(GraphResponse.failed(leaderHint(),
                        "the write was not applied (its outcome is unknown): " + status));
            }
        }
    }
}
