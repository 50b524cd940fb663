package io.graphraft.ratis;

import org.apache.ratis.proto.RaftProtos.AppendEntriesReplyProto;
import org.apache.ratis.proto.RaftProtos.AppendEntriesRequestProto;
import org.apache.ratis.proto.RaftProtos.InstallSnapshotReplyProto;
import org.apache.ratis.proto.RaftProtos.InstallSnapshotRequestProto;
import org.apache.ratis.proto.RaftProtos.RequestVoteReplyProto;
import org.apache.ratis.proto.RaftProtos.RequestVoteRequestProto;
import org.apache.ratis.proto.RaftProtos.StartLeaderElectionReplyProto;
import org.apache.ratis.proto.RaftProtos.StartLeaderElectionRequestProto;
import org.apache.ratis.protocol.RaftGroupId;
import org.apache.ratis.protocol.RaftPeer;
import org.apache.ratis.protocol.RaftPeerId;
import org.apache.ratis.rpc.RpcType;
import org.apache.ratis.server.RaftServerRpc;
import org.apache.ratis.server.protocol.RaftServerAsynchronousProtocol;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.Collection;
import java.util.List;

/**
 * A server RPC that learns every peer at the address its member routes to. Ratis hands the RPC its
 * peers (from the group, from configuration entries of the log, after a restart from its stored
 * configuration) only through {@link #addRaftPeers}, and its proxies connect to the addresses
 * given there — so rewriting them here sends all peer traffic of this server through its routes,
 * whatever configuration the cluster replicated. Everything else is Netty's.
 *
 * <p>Why a wrapper: seeding Netty's proxy map with the routes as the RPC is made would be simpler
 * (the first address per peer id is kept), but the map cannot be touched before the server has
 * its id, and Ratis adds the configured addresses while it is still building the server. gRPC's
 * log appender casts the RPC to its own class, so gRPC cannot be wrapped: with a link layer the
 * engine needs {@code rpc=netty}.
 */
final class RoutedServerRpc implements RaftServerRpc {
    private final RaftServerRpc netty;
    private final List<InetSocketAddress> routes;

    RoutedServerRpc(RaftServerRpc netty, List<InetSocketAddress> routes) {
        this.netty = netty;
        this.routes = routes;
    }

    @Override
    public void addRaftPeers(Collection<RaftPeer> peers) {
        netty.addRaftPeers(peers.stream().map(this::routed).toList());
    }

    private RaftPeer routed(RaftPeer peer) {
        InetSocketAddress route = routes.get(RatisLayout.index(peer.getId()));
        return RaftPeer.newBuilder(peer).setAddress(route.getHostString() + ":" + route.getPort()).build();
    }

    @Override
    public void start() throws IOException {
        netty.start();
    }

    @Override
    public InetSocketAddress getInetSocketAddress() {
        return netty.getInetSocketAddress();
    }

    @Override
    public InetSocketAddress getClientServerAddress() {
        return netty.getClientServerAddress();
    }

    @Override
    public InetSocketAddress getAdminServerAddress() {
        return netty.getAdminServerAddress();
    }

    @Override
    public RpcType getRpcType() {
        return netty.getRpcType();
    }

    @Override
    public void handleException(RaftPeerId serverId, Exception e, boolean reconnect) {
        netty.handleException(serverId, e, reconnect);
    }

    @Override
    public void notifyNotLeader(RaftGroupId groupId) {
        netty.notifyNotLeader(groupId);
    }

    @Override
    public RaftServerAsynchronousProtocol async() {
        return netty.async();
    }

    @Override
    public RequestVoteReplyProto requestVote(RequestVoteRequestProto request) throws IOException {
        return netty.requestVote(request);
    }

    @Override
    public AppendEntriesReplyProto appendEntries(AppendEntriesRequestProto request) throws IOException {
        return netty.appendEntries(request);
    }

    @Override
    public InstallSnapshotReplyProto installSnapshot(InstallSnapshotRequestProto request) throws IOException {
        return netty.installSnapshot(request);
    }

    @Override
    public StartLeaderElectionReplyProto startLeaderElection(StartLeaderElectionRequestProto request)
            throws IOException {
        return netty.startLeaderElection(request);
    }

    @Override
    public void close() throws IOException {
        netty.close();
    }
}
