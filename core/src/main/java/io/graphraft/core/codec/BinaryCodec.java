package io.graphraft.core.codec;

import io.graphraft.core.command.Command;
import io.graphraft.core.command.ErrorCode;
import io.graphraft.core.command.Query;
import io.graphraft.core.command.Result;
import io.graphraft.core.model.Direction;

import java.util.ArrayList;
import java.util.List;

/**
 * The compact binary codec: a format version byte, a tag byte, then the fields as zig-zag varints
 * and length-prefixed UTF-8 (see {@link GraphBinary}).
 */
public final class BinaryCodec implements Codec {
    static final int FORMAT_VERSION = 1;

    private static final int CREATE_NODE = 1;
    private static final int UPDATE_NODE = 2;
    private static final int DELETE_NODE = 3;
    private static final int CREATE_EDGE = 4;
    private static final int DELETE_EDGE = 5;
    private static final int BATCH = 6;
    private static final int OPEN_SESSION = 7;
    private static final int IN_SESSION = 8;

    private static final int GET_NODE = 16;
    private static final int GET_EDGE = 17;
    private static final int NEIGHBORS = 18;
    private static final int COUNT = 19;
    private static final int DIGEST = 20;
    private static final int NODES_BY_LABEL = 21;
    private static final int NEIGHBORHOOD = 22;

    private static final int APPLIED = 32;
    private static final int ERROR = 33;
    private static final int BATCH_APPLIED = 34;
    private static final int NODE_FOUND = 35;
    private static final int EDGE_FOUND = 36;
    private static final int NEIGHBOR_IDS = 37;
    private static final int COUNTS = 38;
    private static final int DIGEST_VALUE = 39;
    private static final int NODE_IDS = 40;
    private static final int NEIGHBORHOOD_IDS = 41;

    private static final Direction[] DIRECTIONS = Direction.values();
    private static final ErrorCode[] ERROR_CODES = ErrorCode.values();

    @Override
    public CodecKind kind() {
        return CodecKind.BINARY;
    }

    @Override
    public byte[] encodeCommand(Command command) {
        BinaryWriter out = new BinaryWriter().writeByte(FORMAT_VERSION);
        writeCommand(out, command);
        return out.toByteArray();
    }

    @Override
    public Command decodeCommand(byte[] bytes) {
        BinaryReader in = open(bytes);
        Command command = readCommand(in, Nesting.TOP);
        in.expectEnd();
        return command;
    }

    @Override
    public byte[] encodeQuery(Query query) {
        BinaryWriter out = new BinaryWriter(16).writeByte(FORMAT_VERSION);
        if (query instanceof Query.GetNode q) {
            out.writeByte(GET_NODE).writeVarLong(q.id());
        } else if (query instanceof Query.GetEdge q) {
            out.writeByte(GET_EDGE).writeVarLong(q.id());
        } else if (query instanceof Query.Neighbors q) {
            out.writeByte(NEIGHBORS).writeVarLong(q.id()).writeByte(q.direction().ordinal());
        } else if (query instanceof Query.Neighborhood q) {
            out.writeByte(NEIGHBORHOOD).writeVarLong(q.id()).writeByte(q.direction().ordinal()).writeVarLong(q.depth())
                    .writeVarLong(q.limit());
        } else if (query instanceof Query.Count) {
            out.writeByte(COUNT);
        } else if (query instanceof Query.Digest) {
            out.writeByte(DIGEST);
        } else if (query instanceof Query.NodesByLabel q) {
            out.writeByte(NODES_BY_LABEL).writeString(q.label()).writeVarLong(q.afterId()).writeVarLong(q.limit());
        } else {
            throw new IllegalArgumentException("unknown query " + query);
        }
        return out.toByteArray();
    }

    @Override
    public Query decodeQuery(byte[] bytes) {
        BinaryReader in = open(bytes);
        int tag = in.readByte();
        Query query = switch (tag) {
            case GET_NODE -> new Query.GetNode(in.readVarLong());
            case GET_EDGE -> new Query.GetEdge(in.readVarLong());
            case NEIGHBORS -> new Query.Neighbors(in.readVarLong(), enumAt(DIRECTIONS, in.readByte(), "direction"));
            case NEIGHBORHOOD -> readNeighborhood(in);
            case COUNT -> new Query.Count();
            case DIGEST -> new Query.Digest();
            case NODES_BY_LABEL -> new Query.NodesByLabel(in.readString(), in.readVarLong(), readLimit(in));
            default -> throw new CodecException("unknown query tag " + tag);
        };
        in.expectEnd();
        return query;
    }

    @Override
    public byte[] encodeResult(Result result) {
        BinaryWriter out = new BinaryWriter(16).writeByte(FORMAT_VERSION);
        writeResult(out, result);
        return out.toByteArray();
    }

    @Override
    public Result decodeResult(byte[] bytes) {
        BinaryReader in = open(bytes);
        Result result = readResult(in, true);
        in.expectEnd();
        return result;
    }

    private static BinaryReader open(byte[] bytes) {
        if (bytes == null || bytes.length == 0) {
            throw new CodecException("empty input: expected an encoded value");
        }
        BinaryReader in = new BinaryReader(bytes);
        int version = in.readByte();
        if (version != FORMAT_VERSION) {
            throw new CodecException("unsupported binary format version " + version + " (expected " + FORMAT_VERSION + ")");
        }
        return in;
    }

    private static void writeCommand(BinaryWriter out, Command command) {
        if (command instanceof Command.CreateNode c) {
            out.writeByte(CREATE_NODE).writeString(c.label());
            GraphBinary.writeProperties(out, c.properties());
        } else if (command instanceof Command.UpdateNode c) {
            out.writeByte(UPDATE_NODE).writeVarLong(c.id());
            GraphBinary.writeProperties(out, c.properties());
        } else if (command instanceof Command.DeleteNode c) {
            out.writeByte(DELETE_NODE).writeVarLong(c.id());
        } else if (command instanceof Command.CreateEdge c) {
            out.writeByte(CREATE_EDGE).writeVarLong(c.from()).writeVarLong(c.to()).writeString(c.type());
            GraphBinary.writeProperties(out, c.properties());
        } else if (command instanceof Command.DeleteEdge c) {
            out.writeByte(DELETE_EDGE).writeVarLong(c.id());
        } else if (command instanceof Command.Batch c) {
            out.writeByte(BATCH).writeVarLong(c.commands().size());
            for (Command inner : c.commands()) {
                writeCommand(out, inner);
            }
        } else if (command instanceof Command.OpenSession) {
            out.writeByte(OPEN_SESSION);
        } else if (command instanceof Command.InSession c) {
            out.writeByte(IN_SESSION).writeVarLong(c.session()).writeVarLong(c.sequence());
            writeCommand(out, c.command());
        } else {
            throw new IllegalArgumentException("unknown command " + command);
        }
    }

    /** Where a command is read: what it may be is narrower inside a session command and inside a batch. */
    private enum Nesting { TOP, IN_SESSION, IN_BATCH }

    private static Command readCommand(BinaryReader in, Nesting nesting) {
        int tag = in.readByte();
        return switch (tag) {
            case CREATE_NODE -> new Command.CreateNode(in.readString(), GraphBinary.readProperties(in));
            case UPDATE_NODE -> new Command.UpdateNode(in.readVarLong(), GraphBinary.readProperties(in));
            case DELETE_NODE -> new Command.DeleteNode(in.readVarLong());
            case CREATE_EDGE -> new Command.CreateEdge(in.readVarLong(), in.readVarLong(), in.readString(),
                    GraphBinary.readProperties(in));
            case DELETE_EDGE -> new Command.DeleteEdge(in.readVarLong());
            case BATCH -> {
                if (nesting == Nesting.IN_BATCH) {
                    throw new CodecException("a Batch must not contain another Batch");
                }
                int count = in.readLength("batch size");
                List<Command> commands = new ArrayList<>(count);
                for (int i = 0; i < count; i++) {
                    commands.add(readCommand(in, Nesting.IN_BATCH));
                }
                yield new Command.Batch(commands);
            }
            case OPEN_SESSION, IN_SESSION -> {
                if (nesting != Nesting.TOP) {
                    throw new CodecException("a session command must not be inside a " + (nesting == Nesting.IN_BATCH
                            ? "Batch" : "session command"));
                }
                yield tag == OPEN_SESSION ? new Command.OpenSession()
                        : new Command.InSession(in.readVarLong(), in.readVarLong(), readCommand(in, Nesting.IN_SESSION));
            }
            default -> throw new CodecException("unknown command tag " + tag);
        };
    }

    private static void writeResult(BinaryWriter out, Result result) {
        if (result instanceof Result.Applied r) {
            out.writeByte(APPLIED).writeVarLong(r.id());
        } else if (result instanceof Result.Error r) {
            out.writeByte(ERROR).writeByte(r.code().ordinal()).writeString(r.message());
        } else if (result instanceof Result.BatchApplied r) {
            out.writeByte(BATCH_APPLIED).writeVarLong(r.results().size());
            for (Result inner : r.results()) {
                writeResult(out, inner);
            }
        } else if (result instanceof Result.NodeFound r) {
            out.writeByte(NODE_FOUND);
            GraphBinary.writeNode(out, r.node());
        } else if (result instanceof Result.EdgeFound r) {
            out.writeByte(EDGE_FOUND);
            GraphBinary.writeEdge(out, r.edge());
        } else if (result instanceof Result.NeighborIds r) {
            writeIds(out.writeByte(NEIGHBOR_IDS), r.ids());
        } else if (result instanceof Result.NodeIds r) {
            writeIds(out.writeByte(NODE_IDS), r.ids());
        } else if (result instanceof Result.NeighborhoodIds r) {
            writeIds(out.writeByte(NEIGHBORHOOD_IDS), r.ids()).writeByte(r.truncated() ? 1 : 0);
        } else if (result instanceof Result.Counts r) {
            out.writeByte(COUNTS).writeVarLong(r.nodes()).writeVarLong(r.edges());
        } else if (result instanceof Result.DigestValue r) {
            out.writeByte(DIGEST_VALUE).writeVarLong(r.checksum()).writeVarLong(r.nodes()).writeVarLong(r.edges());
        } else {
            throw new IllegalArgumentException("unknown result " + result);
        }
    }

    private static Result readResult(BinaryReader in, boolean batchAllowed) {
        int tag = in.readByte();
        return switch (tag) {
            case APPLIED -> new Result.Applied(in.readVarLong());
            case ERROR -> new Result.Error(enumAt(ERROR_CODES, in.readByte(), "error code"), in.readString());
            case BATCH_APPLIED -> {
                if (!batchAllowed) {
                    throw new CodecException("a batch result must not contain another batch result");
                }
                int count = in.readLength("batch result size");
                List<Result> results = new ArrayList<>(count);
                for (int i = 0; i < count; i++) {
                    results.add(readResult(in, false));
                }
                yield new Result.BatchApplied(results);
            }
            case NODE_FOUND -> new Result.NodeFound(GraphBinary.readNode(in));
            case EDGE_FOUND -> new Result.EdgeFound(GraphBinary.readEdge(in));
            case NEIGHBOR_IDS -> new Result.NeighborIds(readIds(in, "neighbor count"));
            case NODE_IDS -> new Result.NodeIds(readIds(in, "node id count"));
            case NEIGHBORHOOD_IDS -> new Result.NeighborhoodIds(readIds(in, "neighborhood size"), readFlag(in, "truncated"));
            case COUNTS -> new Result.Counts(in.readVarLong(), in.readVarLong());
            case DIGEST_VALUE -> new Result.DigestValue(in.readVarLong(), in.readVarLong(), in.readVarLong());
            default -> throw new CodecException("unknown result tag " + tag);
        };
    }

    private static int readLimit(BinaryReader in) {
        long limit = in.readVarLong();
        if (limit < 1 || limit > Integer.MAX_VALUE) {
            throw new CodecException("invalid page limit " + limit);
        }
        return (int) limit;
    }

    /** Bounds out of range are refused as the query's own constructor words them. */
    private static Query.Neighborhood readNeighborhood(BinaryReader in) {
        long id = in.readVarLong();
        Direction direction = enumAt(DIRECTIONS, in.readByte(), "direction");
        long depth = in.readVarLong();
        long limit = in.readVarLong();
        try {
            return new Query.Neighborhood(id, direction, saturated(depth), saturated(limit));
        } catch (IllegalArgumentException e) {
            throw new CodecException("invalid Neighborhood query: " + e.getMessage());
        }
    }

    /** A long outside int's range as the nearest int, so the range check still sees it out of range. */
    private static int saturated(long value) {
        return (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, value));
    }

    private static boolean readFlag(BinaryReader in, String what) {
        int flag = in.readByte();
        if (flag > 1) {
            throw new CodecException("invalid " + what + " flag " + flag);
        }
        return flag == 1;
    }

    private static BinaryWriter writeIds(BinaryWriter out, List<Long> ids) {
        out.writeVarLong(ids.size());
        for (long id : ids) {
            out.writeVarLong(id);
        }
        return out;
    }

    private static List<Long> readIds(BinaryReader in, String what) {
        int count = in.readLength(what);
        List<Long> ids = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            ids.add(in.readVarLong());
        }
        return ids;
    }

    private static <E> E enumAt(E[] values, int ordinal, String what) {
        if (ordinal >= values.length) {
            throw new CodecException("unknown " + what + " " + ordinal);
        }
        return values[ordinal];
    }
}
