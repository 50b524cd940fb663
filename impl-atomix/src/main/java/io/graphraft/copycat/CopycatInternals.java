package io.graphraft.copycat;

import io.atomix.catalyst.concurrent.ThreadContext;
import io.atomix.copycat.client.DefaultCopycatClient;
import io.atomix.copycat.server.CopycatServer;
import io.atomix.copycat.server.state.ServerContext;
import io.atomix.copycat.server.storage.snapshot.Snapshot;

import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;

/**
 * The few pieces of Copycat 1.2.8 this engine needs and Copycat does not expose. For a snapshot on
 * demand: a server's {@link ServerContext} (a protected field of CopycatServer), and from its state
 * machine (a package-private class) the index it applied last and the snapshot it is still writing
 * (read these on the server's thread); everything else {@link CopycatSnapshots} uses is public API.
 * For closing a client that never registered a session: its two thread contexts, which
 * DefaultCopycatClient closes only once a session was open.
 */
final class CopycatInternals {
    private static final Field CONTEXT;
    private static final Method STATE_MACHINE;
    private static final Method LAST_APPLIED;
    private static final Field PENDING_SNAPSHOT;
    private static final Field CLIENT_IO_CONTEXT;
    private static final Field CLIENT_EVENT_CONTEXT;

    static {
        try {
            CONTEXT = accessible(CopycatServer.class.getDeclaredField("context"));
            STATE_MACHINE = accessible(ServerContext.class.getDeclaredMethod("getStateMachine"));
            Class<?> stateMachine = STATE_MACHINE.getReturnType();
            LAST_APPLIED = accessible(stateMachine.getDeclaredMethod("getLastApplied"));
            PENDING_SNAPSHOT = accessible(stateMachine.getDeclaredField("pendingSnapshot"));
            CLIENT_IO_CONTEXT = accessible(DefaultCopycatClient.class.getDeclaredField("ioContext"));
            CLIENT_EVENT_CONTEXT = accessible(DefaultCopycatClient.class.getDeclaredField("eventContext"));
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError("this Copycat build lacks internals the copycat engine relies on"
                    + " (written against Copycat 1.2.8): " + e);
        }
    }

    private CopycatInternals() {
    }

    static ServerContext context(CopycatServer server) {
        try {
            return (ServerContext) CONTEXT.get(server);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The last log index Copycat handed to the state machine. */
    static long lastApplied(ServerContext context) {
        return (long) invoke(LAST_APPLIED, stateMachine(context));
    }

    /** The snapshot Copycat started on its own and has not completed yet, or null. */
    static Snapshot pendingSnapshot(ServerContext context) {
        try {
            return (Snapshot) PENDING_SNAPSHOT.get(stateMachine(context));
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Stops the client's I/O and event threads (idempotent). */
    static void closeThreads(DefaultCopycatClient client) {
        try {
            ((ThreadContext) CLIENT_IO_CONTEXT.get(client)).close();
            ((ThreadContext) CLIENT_EVENT_CONTEXT.get(client)).close();
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Object stateMachine(ServerContext context) {
        return invoke(STATE_MACHINE, context);
    }

    private static Object invoke(Method method, Object target) {
        try {
            return method.invoke(target);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        } catch (InvocationTargetException e) {
            throw new IllegalStateException(e.getCause());
        }
    }

    private static <T extends java.lang.reflect.AccessibleObject> T accessible(T member) {
        member.setAccessible(true);
        return member;
    }
}
