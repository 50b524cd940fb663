package io.graphraft.jraft;

import com.alipay.sofa.jraft.util.Endpoint;

/**
 * The links from one running member to its peers: open unless the {@link NetworkPartition} cuts
 * them, or this member is being stopped ({@link #silence()}: a crash sends nothing more, in
 * particular not the TimeoutNow with which jraft's shutdown hands leadership over). One per
 * start of a member, so a restart begins with open links.
 */
final class PeerLinks {
    private final Endpoint self;
    private final NetworkPartition partition;
    private volatile boolean silenced;

    PeerLinks(Endpoint self, NetworkPartition partition) {
        this.self = self;
        this.partition = partition;
    }

    Endpoint self() {
        return self;
    }

    /** From now on every call from this member fails as if its process were gone. */
    void silence() {
        silenced = true;
    }

    boolean open(Endpoint to) {
        return !silenced && !partition.cut(self, to);
    }

    String why(Endpoint to) {
        return silenced ? "member " + self + " is stopping" : "link " + self + " -> " + to + " is cut (isolated)";
    }
}
