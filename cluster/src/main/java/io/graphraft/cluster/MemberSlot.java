package io.graphraft.cluster;

import io.graphraft.core.command.Query;
import io.graphraft.core.command.Result;
import io.graphraft.core.engine.EngineUnavailableException;
import io.graphraft.core.engine.Member;
import io.graphraft.core.engine.MemberConfig;
import io.graphraft.core.engine.NodeHandle;
import io.graphraft.core.engine.Role;

/**
 * One node of a {@link MemberCluster}: the member running in its place now (none while stopped),
 * and the faults its placement and the links can apply to it.
 */
final class MemberSlot implements NodeHandle {
    private final MemberConfig config;
    private final Placement placement;
    private final Links links;
    private volatile Member running;
    private volatile boolean paused;

    MemberSlot(MemberConfig config, Placement placement, Links links) {
        this.config = config;
        this.placement = placement;
        this.links = links;
    }

    /** Starts the member, unless one runs; a member that stopped itself (fail-stop) is closed and replaced. */
    synchronized void start() {
        if (running != null) {
            if (paused || running.role() != Role.STOPPED) {
                throw new IllegalStateException("node " + id() + " is running; stop it first");
            }
            running.close();
            running = null;
        }
        running = placement.start(config);
    }

    @Override
    public String id() {
        return config.id();
    }

    int index() {
        return config.index();
    }

    @Override
    public Role role() {
        Member member = running;
        if (member == null) {
            return Role.STOPPED;
        }
        return paused ? Role.PAUSED : member.role();
    }

    @Override
    public long term() {
        Member member = running;
        return member == null || paused ? 0 : member.term();
    }

    @Override
    public boolean isRunning() {
        Role role = role();
        return role != Role.STOPPED && role != Role.PAUSED;
    }

    @Override
    public long lastAppliedIndex() {
        return answering().lastAppliedIndex();
    }

    @Override
    public Result localRead(Query query) {
        return answering().localRead(query);
    }

    @Override
    public void stop() {
        Member member;
        synchronized (this) {
            member = running;
            running = null;
            paused = false;
        }
        if (member != null) {
            member.close();
        }
    }

    @Override
    public synchronized void restart() {
        start();
    }

    @Override
    public synchronized void wipe() {
        if (running != null) {
            throw new IllegalStateException("node " + id() + " is running; stop it before wiping it");
        }
        placement.wipe(config.index());
    }

    @Override
    public synchronized void pause() {
        requireRunning();
        placement.pause(config.index());
        paused = true;
    }

    @Override
    public synchronized void resume() {
        requireRunning();
        if (paused) {
            placement.resume(config.index());
            paused = false;
        }
    }

    @Override
    public void isolate() {
        links.isolate(config.index());
    }

    @Override
    public void heal() {
        links.rejoin(config.index());
    }

    @Override
    public void takeSnapshot() {
        answering().takeSnapshot();
    }

    @Override
    public long logSizeBytes() {
        return answering().logSizeBytes();
    }

    @Override
    public long snapshotSizeBytes() {
        return answering().snapshotSizeBytes();
    }

    private Member requireRunning() {
        Member member = running;
        if (member == null) {
            throw new EngineUnavailableException("node " + id() + " is stopped");
        }
        return member;
    }

    /** The running member, unless it is paused and cannot answer. */
    private Member answering() {
        Member member = requireRunning();
        if (paused) {
            throw new EngineUnavailableException("node " + id() + " is paused");
        }
        return member;
    }

    @Override
    public String toString() {
        return id() + "@" + config.listen();
    }
}
