package io.graphraft.core.codec;

import io.graphraft.core.command.Command;
import io.graphraft.core.command.ErrorCode;
import io.graphraft.core.command.Query;
import io.graphraft.core.command.Result;
import io.graphraft.core.model.Direction;
import io.graphraft.core.model.Edge;
import io.graphraft.core.model.Node;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

class CodecRoundTripTest {

    static Map<String, Object> everyValueType() {
        Map<String, Object> props = new TreeMap<>();
        props.put("name", "Ünïcødé 名前 🚀");
        props.put("empty", "");
        props.put("age", 30L);
        props.put("min", Long.MIN_VALUE);
        props.put("max", Long.MAX_VALUE);
        props.put("score", -0.5);
        props.put("nan", Double.NaN);
        props.put("inf", Double.NEGATIVE_INFINITY);
        props.put("whole", 3.0);
        props.put("yes", true);
        props.put("no", false);
        props.put("ключ", "value");
        return props;
    }

    static List<Command> everyCommand() {
        return List.of(
                Command.CreateNode.of("Person", everyValueType()),
                Command.CreateNode.of("", Map.of()),
                Command.UpdateNode.of(7, Map.of("age", 31L)),
                Command.UpdateNode.of(-1, Map.of()),
                new Command.DeleteNode(Long.MAX_VALUE),
                Command.CreateEdge.of(1, 2, "KNOWS", Map.of("since", 2020L, "w", 0.25)),
                new Command.DeleteEdge(0),
                new Command.Batch(List.of()),
                new Command.Batch(List.of(
                        Command.CreateNode.of("A", Map.of()),
                        Command.CreateEdge.of(1, 1, "SELF", everyValueType()),
                        new Command.DeleteNode(1))),
                new Command.OpenSession(),
                new Command.InSession(Long.MAX_VALUE, 1, Command.CreateNode.of("Once", everyValueType())),
                new Command.InSession(3, -5, new Command.Batch(List.of(new Command.DeleteEdge(2), new Command.DeleteNode(1)))));
    }

    static List<Query> everyQuery() {
        return List.of(new Query.GetNode(1), new Query.GetEdge(Long.MIN_VALUE),
                new Query.Neighbors(5, Direction.OUT), new Query.Neighbors(5, Direction.IN),
                new Query.Neighbors(5, Direction.BOTH), new Query.Count(), new Query.Digest(),
                new Query.Neighborhood(5, Direction.OUT, 1, 1), new Query.Neighborhood(Long.MAX_VALUE, Direction.BOTH,
                        Query.Neighborhood.MAX_DEPTH, Query.Neighborhood.MAX_LIMIT), new Query.Neighborhood(0, Direction.IN, 2, 100),
                Query.NodesByLabel.first("check-element", 4096), new Query.NodesByLabel("Ünïcødé 名前", 77, 1),
                new Query.NodesByLabel("", Long.MAX_VALUE, Integer.MAX_VALUE));
    }

    static List<Result> everyResult() {
        return List.of(
                new Result.Applied(42),
                new Result.Error(ErrorCode.NOT_FOUND, "node 9 does not exist — ✗"),
                new Result.Error(ErrorCode.UNKNOWN_SESSION, "client session 4 is unknown"),
                new Result.BatchApplied(List.of(new Result.Applied(1),
                        new Result.Error(ErrorCode.MALFORMED, "x"), new Result.Applied(2))),
                new Result.BatchApplied(List.of()),
                new Result.NodeFound(Node.of(3, "Person", everyValueType())),
                new Result.EdgeFound(Edge.of(4, 1, 3, "KNOWS", Map.of())),
                new Result.NeighborIds(List.of(1L, 5L, 99L)),
                new Result.NeighborIds(List.of()),
                new Result.NodeIds(List.of(2L, 7L, Long.MAX_VALUE)),
                new Result.NodeIds(List.of()),
                new Result.NeighborhoodIds(List.of(3L, 1L, Long.MAX_VALUE), true),
                new Result.NeighborhoodIds(List.of(), false),
                new Result.Counts(10, 20),
                new Result.DigestValue(0xFFFF_FFFFL, 1, 0));
    }

    @ParameterizedTest
    @EnumSource(CodecKind.class)
    void everyCommandRoundTrips(CodecKind kind) {
        Codec codec = kind.codec();
        for (Command command : everyCommand()) {
            assertThat(codec.decodeCommand(codec.encodeCommand(command))).isEqualTo(command);
        }
    }

    @ParameterizedTest
    @EnumSource(CodecKind.class)
    void valueTypesSurviveExactly(CodecKind kind) {
        Codec codec = kind.codec();
        Command.CreateNode decoded = (Command.CreateNode) codec.decodeCommand(
                codec.encodeCommand(Command.CreateNode.of("T", everyValueType())));
        assertThat(decoded.properties().get("age")).isInstanceOf(Long.class).isEqualTo(30L);
        assertThat(decoded.properties().get("whole")).isInstanceOf(Double.class).isEqualTo(3.0);
        assertThat(decoded.properties().get("nan")).isInstanceOf(Double.class);
        assertThat((Double) decoded.properties().get("nan")).isNaN();
        assertThat(decoded.properties().get("yes")).isEqualTo(Boolean.TRUE);
        assertThat(decoded.properties().get("name")).isEqualTo("Ünïcødé 名前 🚀");
    }

    @ParameterizedTest
    @EnumSource(CodecKind.class)
    void everyQueryAndResultRoundTrips(CodecKind kind) {
        Codec codec = kind.codec();
        for (Query query : everyQuery()) {
            assertThat(codec.decodeQuery(codec.encodeQuery(query))).isEqualTo(query);
        }
        for (Result result : everyResult()) {
            assertThat(codec.decodeResult(codec.encodeResult(result))).isEqualTo(result);
        }
    }

    @ParameterizedTest
    @EnumSource(CodecKind.class)
    void emptyAndNullInputIsAClearError(CodecKind kind) {
        Codec codec = kind.codec();
        assertThatThrownBy(() -> codec.decodeCommand(new byte[0])).isInstanceOf(CodecException.class)
                .hasMessageContaining("empty");
        assertThatThrownBy(() -> codec.decodeCommand(null)).isInstanceOf(CodecException.class);
    }

    /** Every strict prefix of a valid encoding is rejected, never decoded into a partial command. */
    @ParameterizedTest
    @EnumSource(CodecKind.class)
    void truncatedBytesAreRejected(CodecKind kind) {
        Codec codec = kind.codec();
        for (Command command : everyCommand()) {
            byte[] bytes = codec.encodeCommand(command);
            for (int length = 0; length < bytes.length; length++) {
                byte[] prefix = Arrays.copyOf(bytes, length);
                try {
                    Command decoded = codec.decodeCommand(prefix);
                    fail("prefix of length %d of %s decoded to %s", length, command, decoded);
                } catch (CodecException expected) {
                    assertThat(expected.getMessage()).isNotBlank();
                }
            }
        }
    }

    /** Random bytes and random corruptions either decode to a valid command or fail with CodecException. */
    @ParameterizedTest
    @EnumSource(CodecKind.class)
    void randomAndCorruptedBytesNeverCrashTheDecoder(CodecKind kind) {
        Codec codec = kind.codec();
        Random random = new Random(20261127L);
        List<byte[]> valid = everyCommand().stream().map(codec::encodeCommand).toList();
        int rejected = 0;
        for (int i = 0; i < 20_000; i++) {
            byte[] input;
            if (i % 2 == 0) {
                input = new byte[random.nextInt(64)];
                random.nextBytes(input);
            } else {
                input = valid.get(random.nextInt(valid.size())).clone();
                for (int flips = 1 + random.nextInt(3); flips > 0 && input.length > 0; flips--) {
                    input[random.nextInt(input.length)] = (byte) random.nextInt(256);
                }
            }
            try {
                Command decoded = codec.decodeCommand(input);
                // A corruption may still be a valid encoding: then it must re-encode to a command equal to itself.
                assertThat(codec.decodeCommand(codec.encodeCommand(decoded))).isEqualTo(decoded);
            } catch (CodecException expected) {
                rejected++;
            }
        }
        assertThat(rejected).isGreaterThan(10_000);
    }

    @ParameterizedTest
    @EnumSource(CodecKind.class)
    void nestedBatchesAreRejected(CodecKind kind) {
        assertThatThrownBy(() -> new Command.Batch(List.of(new Command.Batch(List.of()))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Batch");
    }

    @org.junit.jupiter.api.Test
    void jsonRejectsUnsupportedPropertyValuesNamingTheKey() {
        byte[] json = "{\"type\":\"CreateNode\",\"label\":\"x\",\"properties\":{\"tags\":[1,2]}}"
                .getBytes(java.nio.charset.StandardCharsets.UTF_8);
        assertThatThrownBy(() -> CodecKind.JSON.codec().decodeCommand(json))
                .isInstanceOf(CodecException.class).hasMessageContaining("tags");
    }

    @org.junit.jupiter.api.Test
    void jsonLooksLikeTheSeedsCommands() {
        String json = new String(CodecKind.JSON.codec().encodeCommand(Command.CreateNode.of("Person",
                Map.of("name", "Alice"))), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(json).isEqualTo("{\"type\":\"CreateNode\",\"label\":\"Person\",\"properties\":{\"name\":\"Alice\"}}");
    }

    @ParameterizedTest
    @EnumSource(CodecKind.class)
    void aPageLimitBelowOneIsMalformed(CodecKind kind) {
        assertThatThrownBy(() -> Query.NodesByLabel.first("x", 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("limit");
        Codec codec = kind.codec();
        byte[] bytes = codec.encodeQuery(Query.NodesByLabel.first("x", 1));
        if (kind == CodecKind.BINARY) {
            bytes[bytes.length - 1] = 0; // the limit is the last varint
        } else {
            bytes = new String(bytes, java.nio.charset.StandardCharsets.UTF_8).replace("\"limit\":1", "\"limit\":0")
                    .getBytes(java.nio.charset.StandardCharsets.UTF_8);
        }
        byte[] malformed = bytes;
        assertThatThrownBy(() -> codec.decodeQuery(malformed)).isInstanceOf(CodecException.class).hasMessageContaining("limit");
    }

    @org.junit.jupiter.api.Test
    void binaryRejectsAnUnknownFormatVersionByName() {
        byte[] bytes = CodecKind.BINARY.codec().encodeCommand(new Command.DeleteNode(1));
        bytes[0] = 9;
        assertThatThrownBy(() -> CodecKind.BINARY.codec().decodeCommand(bytes))
                .isInstanceOf(CodecException.class).hasMessageContaining("version 9");
    }

    @org.junit.jupiter.api.Test
    void unknownCodecNameListsTheKnownOnes() {
        assertThatThrownBy(() -> CodecKind.parse("xml")).hasMessageContaining("xml").hasMessageContaining("binary, json");
    }
}
