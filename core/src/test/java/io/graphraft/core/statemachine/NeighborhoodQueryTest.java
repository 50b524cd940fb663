package io.graphraft.core.statemachine;

import io.graphraft.core.codec.BinaryWriter;
import io.graphraft.core.codec.Codec;
import io.graphraft.core.codec.CodecException;
import io.graphraft.core.codec.CodecKind;
import io.graphraft.core.command.Command;
import io.graphraft.core.command.ErrorCode;
import io.graphraft.core.command.Query;
import io.graphraft.core.command.Result;
import io.graphraft.core.model.Direction;
import io.graphraft.core.store.StoreKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The k-hop neighborhood query, the same on both stores. */
class NeighborhoodQueryTest {
    @TempDir
    Path temp;

    @RegisterExtension
    final OpenedStateMachines machines = new OpenedStateMachines();
    private long index;

    /**
     * Nodes 1..8: 1→2, 1→3, 2→4, 3→4, 4→1 (a cycle back to the start), 4→5, 5→6, 7→1, 2→2 (a loop); 8 has no edge.
     */
    private GraphStateMachine graph(StoreKind kind) {
        GraphStateMachine sm = machines.open(kind, temp);
        for (int i = 1; i <= 8; i++) {
            assertThat(sm.apply(++index, Command.CreateNode.of("N", Map.of()))).isEqualTo(new Result.Applied(i));
        }
        long[][] edges = {{1, 2}, {1, 3}, {2, 4}, {3, 4}, {4, 1}, {4, 5}, {5, 6}, {7, 1}, {2, 2}};
        for (long[] edge : edges) {
            assertThat(sm.apply(++index, Command.CreateEdge.of(edge[0], edge[1], "R", Map.of())).isError()).isFalse();
        }
        return sm;
    }

    private static Result around(GraphStateMachine sm, long id, Direction direction, int depth, int limit) {
        return sm.query(new Query.Neighborhood(id, direction, depth, limit));
    }

    private static Result ids(boolean truncated, Long... ids) {
        return new Result.NeighborhoodIds(List.of(ids), truncated);
    }

    @ParameterizedTest
    @EnumSource(StoreKind.class)
    void nearestFirstThenAscendingIdsWithinDepthAndTheStartExcluded(StoreKind kind) {
        GraphStateMachine sm = graph(kind);
        assertThat(around(sm, 1, Direction.OUT, 1, 10)).isEqualTo(ids(false, 2L, 3L));
        assertThat(around(sm, 1, Direction.OUT, 2, 10)).isEqualTo(ids(false, 2L, 3L, 4L));
        assertThat(around(sm, 1, Direction.OUT, 3, 10)).as("the cycle 4→1 does not bring the start back")
                .isEqualTo(ids(false, 2L, 3L, 4L, 5L));
        assertThat(around(sm, 1, Direction.OUT, Query.Neighborhood.MAX_DEPTH, 10)).isEqualTo(ids(false, 2L, 3L, 4L, 5L, 6L));
        assertThat(around(sm, 1, Direction.IN, 3, 10)).as("by distance before id: 4 and 7 at one hop, 2 and 3 at two")
                .isEqualTo(ids(false, 4L, 7L, 2L, 3L));
        assertThat(around(sm, 5, Direction.BOTH, 3, 10)).isEqualTo(ids(false, 4L, 6L, 1L, 2L, 3L, 7L));
        assertThat(around(sm, 2, Direction.OUT, 1, 10)).as("a loop is not a way back to the start").isEqualTo(ids(false, 4L));
        assertThat(around(sm, 8, Direction.BOTH, 3, 10)).isEqualTo(ids(false));
        assertThat(around(sm, 6, Direction.OUT, 3, 10)).isEqualTo(ids(false));
    }

    @ParameterizedTest
    @EnumSource(StoreKind.class)
    void theLimitTakesTheNearestLowestIdsAndSaysMoreWereWithinReach(StoreKind kind) {
        GraphStateMachine sm = graph(kind);
        assertThat(around(sm, 5, Direction.BOTH, 3, 4)).isEqualTo(ids(true, 4L, 6L, 1L, 2L));
        assertThat(around(sm, 5, Direction.BOTH, 3, 5)).isEqualTo(ids(true, 4L, 6L, 1L, 2L, 3L));
        assertThat(around(sm, 5, Direction.BOTH, 3, 6)).isEqualTo(ids(false, 4L, 6L, 1L, 2L, 3L, 7L));
        assertThat(around(sm, 5, Direction.BOTH, 3, 1)).isEqualTo(ids(true, 4L));
        assertThat(around(sm, 5, Direction.BOTH, 3, 2)).as("a full level, and the next one has more")
                .isEqualTo(ids(true, 4L, 6L));
        assertThat(around(sm, 1, Direction.OUT, 1, 2)).as("a full level and no more within depth")
                .isEqualTo(ids(false, 2L, 3L));
        assertThat(around(sm, 1, Direction.OUT, 2, 2)).isEqualTo(ids(true, 2L, 3L));
    }

    @ParameterizedTest
    @EnumSource(StoreKind.class)
    void followsTheGraphAsItChanges(StoreKind kind) {
        GraphStateMachine sm = graph(kind);
        assertThat(sm.apply(++index, new Command.DeleteNode(4)).isError()).isFalse();
        assertThat(around(sm, 1, Direction.OUT, 5, 10)).isEqualTo(ids(false, 2L, 3L));
        assertThat(around(sm, 5, Direction.BOTH, 5, 10)).isEqualTo(ids(false, 6L));
    }

    @ParameterizedTest
    @EnumSource(StoreKind.class)
    void anUnknownStartIsNotFoundLikeGetNode(StoreKind kind) {
        GraphStateMachine sm = graph(kind);
        Result missing = around(sm, 99, Direction.OUT, 2, 10);
        assertThat(missing).isEqualTo(new Result.Error(ErrorCode.NOT_FOUND, "node 99 does not exist"));
        assertThat(missing).isEqualTo(sm.query(new Query.GetNode(99)));
    }

    @Test
    void boundsOutOfRangeAreRefusedNamingTheField() {
        for (int depth : new int[] {0, -1, Query.Neighborhood.MAX_DEPTH + 1}) {
            assertThatThrownBy(() -> new Query.Neighborhood(1, Direction.OUT, depth, 10))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("depth must be between 1 and " + Query.Neighborhood.MAX_DEPTH + ", was " + depth);
        }
        for (int limit : new int[] {0, -5, Query.Neighborhood.MAX_LIMIT + 1}) {
            assertThatThrownBy(() -> new Query.Neighborhood(1, Direction.OUT, 2, limit))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("limit must be between 1 and " + Query.Neighborhood.MAX_LIMIT + ", was " + limit);
        }
        assertThatThrownBy(() -> new Query.Neighborhood(1, null, 2, 10)).isInstanceOf(NullPointerException.class)
                .hasMessageContaining("direction");
    }

    /** A query encoded elsewhere with bounds out of range never reaches the store: MALFORMED, naming the field. */
    @ParameterizedTest
    @EnumSource(CodecKind.class)
    void encodedBoundsOutOfRangeAreMalformedNamingTheField(CodecKind kind, @TempDir Path dir) {
        Codec codec = kind.codec();
        byte[] badDepth = encoded(kind, 0, 10);
        byte[] badLimit = encoded(kind, 2, Query.Neighborhood.MAX_LIMIT + 1);
        byte[] hugeDepth = encoded(kind, 1L << 40, 10);
        assertThat(codec.decodeQuery(encoded(kind, 2, 10))).as("the hand-made encoding is right when the bounds are")
                .isEqualTo(new Query.Neighborhood(1, Direction.OUT, 2, 10));
        assertThatThrownBy(() -> codec.decodeQuery(badDepth)).isInstanceOf(CodecException.class).hasMessageContaining("depth");
        assertThatThrownBy(() -> codec.decodeQuery(badLimit)).isInstanceOf(CodecException.class).hasMessageContaining("limit");
        assertThatThrownBy(() -> codec.decodeQuery(hugeDepth)).isInstanceOf(CodecException.class).hasMessageContaining("depth");

        try (GraphStateMachine sm = GraphStateMachine.open(StoreKind.HEAP, dir.resolve("store"), codec)) {
            sm.apply(1, Command.CreateNode.of("N", Map.of()));
            Result answer = codec.decodeResult(sm.query(badDepth));
            assertThat(answer).isInstanceOf(Result.Error.class);
            assertThat(((Result.Error) answer).code()).isEqualTo(ErrorCode.MALFORMED);
            assertThat(((Result.Error) answer).message()).contains("depth must be between 1 and");
        }
    }

    /** A Neighborhood query of start 1, direction OUT, written by hand so its bounds may be out of range. */
    private static byte[] encoded(CodecKind kind, long depth, long limit) {
        return switch (kind) {
            case JSON -> ("{\"type\":\"Neighborhood\",\"id\":1,\"direction\":\"OUT\",\"depth\":" + depth + ",\"limit\":" + limit
                    + "}").getBytes(StandardCharsets.UTF_8);
            // format version 1, Neighborhood's tag 22, then its fields in order
            case BINARY -> new BinaryWriter().writeByte(1).writeByte(22).writeVarLong(1).writeByte(Direction.OUT.ordinal())
                    .writeVarLong(depth).writeVarLong(limit).toByteArray();
        };
    }
}
