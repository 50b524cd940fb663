package io.graphraft.ratis;

import io.graphraft.core.engine.ClusterLayout;
import org.apache.ratis.protocol.RaftGroup;
import org.apache.ratis.protocol.RaftGroupId;
import org.apache.ratis.protocol.RaftPeer;
import org.apache.ratis.protocol.RaftPeerId;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** A {@link ClusterLayout} as Ratis sees it: one group (its id derived from the cluster id) with a peer per member. */
final class RatisLayout {
    private RatisLayout() {
    }

    static RaftGroup group(ClusterLayout layout) {
        List<RaftPeer> peers = new ArrayList<>();
        for (int i = 0; i < layout.size(); i++) {
            peers.add(RaftPeer.newBuilder()
                    .setId(peerId(i))
                    .setAddress(layout.member(i).getHostString() + ":" + layout.member(i).getPort())
                    .build());
        }
        UUID groupUuid = UUID.nameUUIDFromBytes(layout.clusterId().getBytes(StandardCharsets.UTF_8));
        return RaftGroup.valueOf(RaftGroupId.valueOf(groupUuid), peers);
    }

    static RaftPeerId peerId(int index) {
        return RaftPeerId.valueOf(ClusterLayout.memberId(index));
    }

    /** The member index of a peer id made by {@link #peerId}. */
    static int index(RaftPeerId id) {
        return Integer.parseInt(id.toString().substring(1));
    }
}
