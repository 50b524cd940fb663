package io.graphraft.core.codec;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.graphraft.core.command.Command;
import io.graphraft.core.command.Query;
import io.graphraft.core.command.Result;

import java.io.IOException;

/**
 * JSON through Jackson, as the seed encoded its commands: {@code {"type":"CreateNode","label":...}}.
 * Integers decode as Long and NaN/Infinity round-trip, so every property value keeps its type.
 */
public final class JsonCodec implements Codec {
    private final ObjectReader commandReader;
    private final ObjectWriter commandWriter;
    private final ObjectReader queryReader;
    private final ObjectWriter queryWriter;
    private final ObjectReader resultReader;
    private final ObjectWriter resultWriter;

    public JsonCodec() {
        ObjectMapper mapper = JsonMapper.builder()
                .enable(DeserializationFeature.USE_LONG_FOR_INTS)
                .enable(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .disable(MapperFeature.AUTO_DETECT_IS_GETTERS)
                .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
                .disable(JsonWriteFeature.WRITE_NAN_AS_STRINGS)
                .addMixIn(Command.class, CommandTypes.class)
                .addMixIn(Query.class, QueryTypes.class)
                .addMixIn(Result.class, ResultTypes.class)
                .build();
        commandReader = mapper.readerFor(Command.class);
        commandWriter = mapper.writerFor(Command.class);
        queryReader = mapper.readerFor(Query.class);
        queryWriter = mapper.writerFor(Query.class);
        resultReader = mapper.readerFor(Result.class);
        resultWriter = mapper.writerFor(Result.class);
    }

    @Override
    public CodecKind kind() {
        return CodecKind.JSON;
    }

    @Override
    public byte[] encodeCommand(Command command) {
        return write(commandWriter, command);
    }

    @Override
    public Command decodeCommand(byte[] bytes) {
        return read(commandReader, bytes, "command");
    }

    @Override
    public byte[] encodeQuery(Query query) {
        return write(queryWriter, query);
    }

    @Override
    public Query decodeQuery(byte[] bytes) {
        return read(queryReader, bytes, "query");
    }

    @Override
    public byte[] encodeResult(Result result) {
        return write(resultWriter, result);
    }

    @Override
    public Result decodeResult(byte[] bytes) {
        return read(resultReader, bytes, "result");
    }

    private static byte[] write(ObjectWriter writer, Object value) {
        try {
            return writer.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot encode " + value + " as JSON: " + e.getOriginalMessage(), e);
        }
    }

    private static <T> T read(ObjectReader reader, byte[] bytes, String what) {
        if (bytes == null || bytes.length == 0) {
            throw new CodecException("empty input: expected a JSON " + what);
        }
        try {
            T value = reader.readValue(bytes);
            if (value == null) {
                throw new CodecException("JSON null is not a " + what);
            }
            return value;
        } catch (IOException | IllegalArgumentException e) {
            // Jackson wraps validation failures of our records (e.g. an unsupported property value).
            Throwable root = e;
            while (root.getCause() != null && root.getCause() != root) {
                root = root.getCause();
            }
            String detail = e instanceof JsonProcessingException jpe ? jpe.getOriginalMessage() : e.getMessage();
            if (root != e && root.getMessage() != null) {
                detail = root.getMessage();
            }
            String field = e instanceof JsonMappingException jme && !jme.getPath().isEmpty()
                    ? jme.getPath().get(jme.getPath().size() - 1).getFieldName() : null;
            if (field != null) { // e.g. a number out of its field's range: Jackson's own message does not name the field
                detail = "field '" + field + "': " + detail;
            }
            throw new CodecException("malformed JSON " + what + ": " + detail, e);
        }
    }

    @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
    @JsonSubTypes({
            @JsonSubTypes.Type(value = Command.CreateNode.class, name = "CreateNode"),
            @JsonSubTypes.Type(value = Command.UpdateNode.class, name = "UpdateNode"),
            @JsonSubTypes.Type(value = Command.DeleteNode.class, name = "DeleteNode"),
            @JsonSubTypes.Type(value = Command.CreateEdge.class, name = "CreateEdge"),
            @JsonSubTypes.Type(value = Command.DeleteEdge.class, name = "DeleteEdge"),
            @JsonSubTypes.Type(value = Command.Batch.class, name = "Batch"),
            @JsonSubTypes.Type(value = Command.OpenSession.class, name = "OpenSession"),
            @JsonSubTypes.Type(value = Command.InSession.class, name = "InSession")})
    private interface CommandTypes {
    }

    @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
    @JsonSubTypes({
            @JsonSubTypes.Type(value = Query.GetNode.class, name = "GetNode"),
            @JsonSubTypes.Type(value = Query.GetEdge.class, name = "GetEdge"),
            @JsonSubTypes.Type(value = Query.Neighbors.class, name = "Neighbors"),
            @JsonSubTypes.Type(value = Query.Neighborhood.class, name = "Neighborhood"),
            @JsonSubTypes.Type(value = Query.Count.class, name = "Count"),
            @JsonSubTypes.Type(value = Query.Digest.class, name = "Digest"),
            @JsonSubTypes.Type(value = Query.NodesByLabel.class, name = "NodesByLabel")})
    private interface QueryTypes {
    }

    @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
    @JsonSubTypes({
            @JsonSubTypes.Type(value = Result.Applied.class, name = "Applied"),
            @JsonSubTypes.Type(value = Result.Error.class, name = "Error"),
            @JsonSubTypes.Type(value = Result.BatchApplied.class, name = "BatchApplied"),
            @JsonSubTypes.Type(value = Result.NodeFound.class, name = "NodeFound"),
            @JsonSubTypes.Type(value = Result.EdgeFound.class, name = "EdgeFound"),
            @JsonSubTypes.Type(value = Result.NeighborIds.class, name = "NeighborIds"),
            @JsonSubTypes.Type(value = Result.NodeIds.class, name = "NodeIds"),
            @JsonSubTypes.Type(value = Result.NeighborhoodIds.class, name = "NeighborhoodIds"),
            @JsonSubTypes.Type(value = Result.Counts.class, name = "Counts"),
            @JsonSubTypes.Type(value = Result.DigestValue.class, name = "DigestValue")})
    private interface ResultTypes {
    }
}
