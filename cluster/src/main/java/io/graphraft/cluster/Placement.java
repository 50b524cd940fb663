package io.graphraft.cluster;

import io.graphraft.cluster.process.StartPhases;
import io.graphraft.core.engine.Member;
import io.graphraft.core.engine.MemberConfig;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.Optional;

/**
 * Where and how the members of one cluster run: in this JVM, as child JVMs on this host, or as
 * child JVMs of agents on other hosts. It hands out their addresses, starts them, and applies the
 * faults its topology can make real.
 */
public interface Placement extends AutoCloseable {

    /** The addresses the members will listen at: a host of this placement and a port free there. */
    List<InetSocketAddress> addresses(int members);

    /**
     * Starts a member. The returned handle's {@link Member#close()} stops it the hardest way this
     * placement knows (SIGKILL for a process).
     */
    Member start(MemberConfig config);

    /** Deletes the files of a stopped member. */
    void wipe(int index);

    /** Freezes a running member (SIGSTOP). */
    void pause(int index);

    /** Lets a paused member run again (SIGCONT). */
    void resume(int index);

    /** Why members here cannot be paused, or empty if they can. */
    Optional<String> pauseUnsupported();

    /** How the newest start of member {@code index} spent its time, where members are processes of this host. */
    default Optional<StartPhases> startPhases(int index) {
        return Optional.empty();
    }

    /** What runs where, for messages and reports. */
    String describe();

    /** Stops whatever the placement itself still runs; members are stopped before. */
    @Override
    void close();
}
