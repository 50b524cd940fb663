package io.graphraft.jraft;

import com.alipay.sofa.jraft.option.NodeOptions;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * jraft's NodeOptions for one start of one member, carrying two things jraft has no option for.
 * jraft passes this very object to the RPC client it creates for the member (as its RpcOptions),
 * which is how {@link RoutedRpcFactory} finds the member's {@link PeerLinks}; and it reads
 * the snapshot margin from it at each snapshot, which lets an on-demand snapshot ignore the margin
 * that only automatic snapshots should obey.
 */
final class MemberNodeOptions extends NodeOptions {
    private final PeerLinks links;
    private final AtomicInteger snapshotsOnDemand = new AtomicInteger();

    MemberNodeOptions(PeerLinks links) {
        this.links = links;
    }

    PeerLinks links() {
        return links;
    }

    /**
     * While an on-demand snapshot is being started, 0: jraft would otherwise cancel it when fewer
     * than the margin's entries were applied since the last snapshot. An automatic snapshot starting
     * in that window just happens earlier, which is what was asked for anyway.
     */
    @Override
    public int getSnapshotLogIndexMargin() {
        return snapshotsOnDemand.get() > 0 ? 0 : super.getSnapshotLogIndexMargin();
    }

    void beginSnapshotOnDemand() {
        snapshotsOnDemand.incrementAndGet();
    }

    void endSnapshotOnDemand() {
        snapshotsOnDemand.decrementAndGet();
    }
}
