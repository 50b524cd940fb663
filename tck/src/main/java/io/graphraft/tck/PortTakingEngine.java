package io.graphraft.tck;

import io.graphraft.core.engine.ClusterLayout;
import io.graphraft.core.engine.ClusterSpec;
import io.graphraft.core.engine.Engine;
import io.graphraft.core.engine.Member;
import io.graphraft.core.engine.MemberConfig;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * An engine whose first member finds its port taken: just before the first {@link #startMember}
 * this binds the address the member is to listen on, and holds it until closed. It plays, on
 * purpose, the race between choosing a free port and binding it that another process can win.
 */
final class PortTakingEngine extends ForwardingEngine implements AutoCloseable {
    private final List<ClusterLayout> layouts = new ArrayList<>();
    private ServerSocket taken;

    PortTakingEngine(Engine engine) {
        super(engine);
    }

    /** The port held, once a member was started. */
    synchronized Optional<Integer> takenPort() {
        return Optional.ofNullable(taken).map(ServerSocket::getLocalPort);
    }

    /** Every layout a member was started in, in order (a cluster started again gets a new one). */
    synchronized List<ClusterLayout> layouts() {
        return List.copyOf(layouts);
    }

    @Override
    public Member startMember(ClusterSpec spec, MemberConfig member) {
        synchronized (this) {
            if (!layouts.contains(member.layout())) {
                layouts.add(member.layout());
            }
            if (taken == null) {
                try {
                    taken = new ServerSocket(member.listen().getPort(), 1, member.listen().getAddress());
                } catch (IOException e) {
                    throw new UncheckedIOException("could not take " + member.listen(), e);
                }
            }
        }
        return super.startMember(spec, member);
    }

    @Override
    public synchronized void close() throws IOException {
        if (taken != null) {
            taken.close();
        }
    }
}
