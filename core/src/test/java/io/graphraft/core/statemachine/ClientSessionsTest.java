package io.graphraft.core.statemachine;

import io.graphraft.core.codec.Codec;
import io.graphraft.core.codec.CodecKind;
import io.graphraft.core.command.Command;
import io.graphraft.core.command.ErrorCode;
import io.graphraft.core.command.Query;
import io.graphraft.core.command.Result;
import io.graphraft.core.store.SnapshotBlocks;
import io.graphraft.core.store.StoreKind;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Client sessions: a repeated (session, sequence) applies once; bad sequence numbers change nothing; sessions are bounded and snapshotted. */
class ClientSessionsTest {
    @TempDir
    Path temp;

    private final List<GraphStateMachine> opened = new ArrayList<>();
    private long index;

    @AfterEach
    void closeAll() {
        opened.forEach(GraphStateMachine::close);
    }

    private GraphStateMachine open(StoreKind kind, CodecKind codec, int sessionCapacity) {
        GraphStateMachine machine = new GraphStateMachine(kind.open(temp.resolve("store-" + opened.size())), codec.codec(),
                sessionCapacity);
        opened.add(machine);
        return machine;
    }

    private GraphStateMachine open(CodecKind codec) {
        return open(StoreKind.HEAP, codec, 16);
    }

    /** Applies through the encoded path, as an engine does, so the codec's session commands are exercised too. */
    private Result apply(GraphStateMachine machine, Command command) {
        Codec codec = machine.codec();
        return codec.decodeResult(machine.apply(++index, codec.encodeCommand(command)));
    }

    private long openSession(GraphStateMachine machine) {
        Result opened = apply(machine, new Command.OpenSession());
        assertThat(opened).isInstanceOf(Result.Applied.class);
        return ((Result.Applied) opened).id();
    }

    private static long nodes(GraphStateMachine machine) {
        return ((Result.Counts) machine.query(new Query.Count())).nodes();
    }

    /**
     * The exactly-once check of these tests: sending {@code write} and then {@code retry} (the same write
     * resent after a lost answer) adds one node, and both answers are equal.
     */
    private void assertAppliedOnce(GraphStateMachine machine, Command write, Command retry) {
        long before = nodes(machine);
        Result first = apply(machine, write);
        Result second = apply(machine, retry);
        assertThat(nodes(machine) - before).as("nodes the write and its retry added").isEqualTo(1);
        assertThat(second).as("the retry's answer").isEqualTo(first);
    }

    @ParameterizedTest
    @EnumSource(CodecKind.class)
    void withoutASessionARetriedWriteAppliesTwiceSoTheCheckFails(CodecKind codec) {
        GraphStateMachine machine = open(codec);
        Command write = Command.CreateNode.of("Order", Map.of("n", 1L));
        assertThatThrownBy(() -> assertAppliedOnce(machine, write, write))
                .isInstanceOf(AssertionError.class).hasMessageContaining("nodes the write and its retry added");
        assertThat(nodes(machine)).isEqualTo(2);
    }

    @ParameterizedTest
    @EnumSource(CodecKind.class)
    void inASessionTheSameSequenceNumberAppliesOnceAndIsAnsweredTheSame(CodecKind codec) {
        GraphStateMachine machine = open(codec);
        long session = openSession(machine);
        Command.InSession write = new Command.InSession(session, 1, Command.CreateNode.of("Order", Map.of("n", 1L)));
        assertAppliedOnce(machine, write, write);
        assertThat(apply(machine, write)).isEqualTo(new Result.Applied(1));

        Command.InSession batch = new Command.InSession(session, 2, new Command.Batch(List.of(
                Command.CreateNode.of("A", Map.of()), Command.UpdateNode.of(404, Map.of("x", 1L)))));
        Result batchResult = apply(machine, batch);
        assertThat(apply(machine, batch)).as("a remembered result keeps its errors").isEqualTo(batchResult);
        assertThat(nodes(machine)).isEqualTo(2);

        Command.InSession next = new Command.InSession(session, 5, Command.CreateNode.of("Order", Map.of("n", 2L)));
        assertAppliedOnce(machine, next, next);
        assertThat(nodes(machine)).as("a sequence number may skip ahead").isEqualTo(3);
    }

    @ParameterizedTest
    @EnumSource(CodecKind.class)
    void badSequenceNumbersAndUnknownSessionsAreClearErrorsThatChangeNothing(CodecKind codec) {
        GraphStateMachine machine = open(codec);
        long session = openSession(machine);
        Command.InSession third = new Command.InSession(session, 3, Command.CreateNode.of("Kept", Map.of()));
        Result remembered = apply(machine, third);
        Result digest = machine.query(new Query.Digest());

        assertError(apply(machine, new Command.InSession(session, 0, Command.CreateNode.of("X", Map.of()))),
                ErrorCode.INVALID, "sequence number 0 of client session " + session + " is not positive");
        assertError(apply(machine, new Command.InSession(session, -7, Command.CreateNode.of("X", Map.of()))),
                ErrorCode.INVALID, "sequence number -7");
        assertError(apply(machine, new Command.InSession(session, 2, Command.CreateNode.of("X", Map.of()))),
                ErrorCode.INVALID, "below its last applied one, 3");
        assertError(apply(machine, new Command.InSession(session + 1000, 1, Command.CreateNode.of("X", Map.of()))),
                ErrorCode.UNKNOWN_SESSION, "client session " + (session + 1000) + " is unknown");
        assertError(apply(machine, new Command.InSession(-1, 1, Command.CreateNode.of("X", Map.of()))),
                ErrorCode.UNKNOWN_SESSION, "was not applied");

        assertThat(machine.query(new Query.Digest())).isEqualTo(digest);
        assertThat(apply(machine, third)).as("the session still remembers its last write").isEqualTo(remembered);
        assertThat(machine.query(new Query.Digest())).isEqualTo(digest);
    }

    @Test
    void sessionCommandsDoNotNestInEitherCodec() {
        assertThatThrownBy(() -> new Command.InSession(1, 1, new Command.OpenSession()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("must not hold another session command");
        assertThatThrownBy(() -> new Command.Batch(List.of(new Command.InSession(1, 1, new Command.DeleteNode(1)))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("must not contain a session command");

        GraphStateMachine binary = open(CodecKind.BINARY);
        GraphStateMachine json = open(CodecKind.JSON);
        long session = openSession(binary);
        openSession(json);
        // version 1, InSession, session 1 and sequence 1 as zig-zag varints, then OpenSession inside it
        assertMalformed(binary, new byte[] {1, 8, 2, 2, 7}, "must not be inside a session command");
        // version 1, Batch of one: OpenSession
        assertMalformed(binary, new byte[] {1, 6, 2, 7}, "must not be inside a Batch");
        assertMalformed(json, ("{\"type\":\"InSession\",\"session\":" + session
                + ",\"sequence\":1,\"command\":{\"type\":\"OpenSession\"}}").getBytes(StandardCharsets.UTF_8), "session command");
        assertMalformed(json, "{\"type\":\"Batch\",\"commands\":[{\"type\":\"OpenSession\"}]}".getBytes(StandardCharsets.UTF_8),
                "session command");
        assertThat(binary.sessionCount()).isEqualTo(1);
        assertThat(json.sessionCount()).isEqualTo(1);
    }

    @Test
    void theLeastRecentlyUsedSessionExpiresBeyondCapacityTheSameOnEveryReplica() {
        GraphStateMachine first = open(StoreKind.HEAP, CodecKind.BINARY, 2);
        GraphStateMachine second = open(StoreKind.HEAP, CodecKind.BINARY, 2);
        List<Command> log = new ArrayList<>();
        log.add(new Command.OpenSession());
        log.add(new Command.OpenSession());
        log.add(new Command.InSession(1, 1, Command.CreateNode.of("uses session 1", Map.of())));
        log.add(new Command.OpenSession()); // session 2 is now the least recently used: it expires
        log.add(new Command.InSession(2, 1, Command.CreateNode.of("in expired session 2", Map.of())));
        log.add(new Command.InSession(1, 1, Command.CreateNode.of("repeat in session 1", Map.of())));
        log.add(new Command.InSession(4, 1, Command.CreateNode.of("in session 4", Map.of())));

        List<Result> firstResults = new ArrayList<>();
        List<Result> secondResults = new ArrayList<>();
        for (int i = 0; i < log.size(); i++) {
            firstResults.add(first.apply(i + 1, log.get(i)));
            secondResults.add(second.apply(i + 1, log.get(i)));
        }
        assertThat(firstResults).isEqualTo(secondResults);
        assertThat(firstResults.get(0)).as("a session's id is the log index that opened it").isEqualTo(new Result.Applied(1));
        assertError(firstResults.get(4), ErrorCode.UNKNOWN_SESSION, "client session 2 is unknown or has expired");
        assertThat(firstResults.get(5)).isEqualTo(firstResults.get(2));
        assertThat(firstResults.get(6)).isEqualTo(new Result.Applied(2));
        assertThat(first.sessionCount()).isEqualTo(2);
        assertThat(nodes(first)).isEqualTo(2);
    }

    @ParameterizedTest
    @EnumSource(StoreKind.class)
    void sessionsSurviveASnapshotAndItsRestore(StoreKind kind) throws IOException {
        GraphStateMachine source = open(kind, CodecKind.BINARY, 16);
        long session = openSession(source);
        long other = openSession(source);
        Command.InSession write = new Command.InSession(session, 1, Command.CreateNode.of("Before", Map.of()));
        Result answer = apply(source, write);
        Result otherAnswer = apply(source, new Command.InSession(other, 4, new Command.DeleteNode(404)));
        byte[] snapshot = snapshot(source);

        GraphStateMachine restored = open(kind, CodecKind.BINARY, 16);
        restored.restoreSnapshot(new ByteArrayInputStream(snapshot));
        assertThat(restored.sessionCount()).isEqualTo(2);
        assertAppliedOnce(restored, new Command.InSession(session, 2, Command.CreateNode.of("After", Map.of())),
                new Command.InSession(session, 2, Command.CreateNode.of("After", Map.of())));
        assertThat(apply(restored, write)).as("below the last sequence: refused, not applied")
                .isInstanceOf(Result.Error.class);
        assertError(apply(restored, new Command.InSession(other, 3, new Command.DeleteNode(404))), ErrorCode.INVALID,
                "below its last applied one, 4");
        assertThat(apply(restored, new Command.InSession(other, 4, new Command.DeleteNode(404))))
                .isEqualTo(otherAnswer);
        assertThat(nodes(restored)).isEqualTo(2);
        assertThat(answer).isEqualTo(new Result.Applied(1));
    }

    @Test
    void aVersion2SnapshotRestoresWithoutSessionsAndAVersion3OneRelabelledIsRefused() throws IOException {
        GraphStateMachine source = open(CodecKind.BINARY);
        apply(source, Command.CreateNode.of("Old", Map.of()));
        byte[] version3 = snapshot(source);
        byte[] version2 = asVersion2(version3);

        GraphStateMachine target = open(CodecKind.BINARY);
        long session = openSession(target);
        apply(target, new Command.InSession(session, 1, Command.CreateNode.of("Lost", Map.of())));
        target.restoreSnapshot(new ByteArrayInputStream(version2));
        assertThat(target.query(new Query.Digest())).isEqualTo(source.query(new Query.Digest()));
        assertThat(target.sessionCount()).isZero();
        assertError(apply(target, new Command.InSession(session, 1, Command.CreateNode.of("Lost", Map.of()))),
                ErrorCode.UNKNOWN_SESSION, "was not applied");

        GraphStateMachine withSessions = open(CodecKind.BINARY);
        openSession(withSessions);
        byte[] relabelled = snapshot(withSessions);
        relabelled[7] = 2;
        Result digest = target.query(new Query.Digest());
        assertThatThrownBy(() -> target.restoreSnapshot(new ByteArrayInputStream(relabelled)))
                .isInstanceOf(SnapshotException.class).hasMessageContaining("corrupt");
        relabelled[7] = 4;
        assertThatThrownBy(() -> target.restoreSnapshot(new ByteArrayInputStream(relabelled)))
                .isInstanceOf(SnapshotException.class).hasMessageContaining("unsupported snapshot version 4 (this build reads versions 2 and 3)");
        assertThat(target.query(new Query.Digest())).isEqualTo(digest);
    }

    @Test
    void aSessionCountInTheHeaderThatDisagreesWithTheSessionBlocksIsRefused() throws IOException {
        GraphStateMachine source = open(CodecKind.BINARY);
        openSession(source);
        openSession(source);
        apply(source, Command.CreateNode.of("N", Map.of()));
        byte[] good = snapshot(source);
        GraphStateMachine target = open(CodecKind.BINARY);
        long session = openSession(target);
        Result digest = target.query(new Query.Digest());

        assertThatThrownBy(() -> target.restoreSnapshot(new ByteArrayInputStream(withSessionCount(good, 3))))
                .isInstanceOf(SnapshotException.class).hasMessageContaining("counts 3 client sessions but only 2 precede");
        assertThatThrownBy(() -> target.restoreSnapshot(new ByteArrayInputStream(withSessionCount(good, 1))))
                .isInstanceOf(SnapshotException.class).hasMessageContaining("more client sessions than the 1 its header counts");
        assertThat(target.query(new Query.Digest())).isEqualTo(digest);
        assertThat(target.sessionCount()).isEqualTo(1);
        assertThat(apply(target, new Command.InSession(session, 1, Command.CreateNode.of("Still", Map.of()))))
                .isInstanceOf(Result.Applied.class);
    }

    /** A snapshot without sessions rewritten as version 2 wrote it: the header without its session count. */
    private static byte[] asVersion2(byte[] version3) throws IOException {
        return rewritten(version3, 2, -1);
    }

    /** A version 3 snapshot whose header counts {@code sessions} (a small number) client sessions, checksums intact. */
    private static byte[] withSessionCount(byte[] version3, int sessions) throws IOException {
        return rewritten(version3, 3, sessions);
    }

    /** Rewrites the header's last field, the session count (one byte while small): dropped if {@code sessions} is negative. */
    private static byte[] rewritten(byte[] version3, int version, int sessions) throws IOException {
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(version3));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.writeInt(in.readInt());
        assertThat(in.readInt()).isEqualTo(3);
        out.writeInt(version);
        SnapshotBlocks.Reader reader = new SnapshotBlocks.Reader(in);
        SnapshotBlocks.Writer writer = new SnapshotBlocks.Writer(out);
        SnapshotBlocks.Block block;
        do {
            block = reader.next();
            if (block.kind() == SnapshotBlocks.HEADER) {
                if (sessions < 0) {
                    assertThat(block.bytes()[block.length() - 1]).as("no sessions").isZero();
                    writer.write(block.kind(), block.bytes(), 0, block.length() - 1);
                } else {
                    byte[] header = Arrays.copyOf(block.bytes(), block.length());
                    header[header.length - 1] = (byte) (2 * sessions); // a zig-zag varint
                    writer.write(block.kind(), header, 0, header.length);
                }
            } else {
                writer.write(block.kind(), block.bytes(), 0, block.length());
            }
        } while (block.kind() != SnapshotBlocks.END);
        out.flush();
        return bytes.toByteArray();
    }

    private static byte[] snapshot(GraphStateMachine machine) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        machine.writeSnapshot(out);
        return out.toByteArray();
    }

    private void assertMalformed(GraphStateMachine machine, byte[] bytes, String messagePart) {
        Result digest = machine.query(new Query.Digest());
        assertError(machine.codec().decodeResult(machine.apply(++index, bytes)), ErrorCode.MALFORMED, messagePart);
        assertThat(machine.query(new Query.Digest())).isEqualTo(digest);
    }

    private static void assertError(Result result, ErrorCode code, String messagePart) {
        assertThat(result).isInstanceOf(Result.Error.class);
        assertThat(((Result.Error) result).code()).isEqualTo(code);
        assertThat(((Result.Error) result).message()).contains(messagePart);
    }
}
