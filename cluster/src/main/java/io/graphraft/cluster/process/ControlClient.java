package io.graphraft.cluster.process;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.graphraft.core.codec.Codec;
import io.graphraft.core.command.Query;
import io.graphraft.core.command.Result;
import io.graphraft.core.engine.EngineUnavailableException;
import io.graphraft.core.engine.Member;
import io.graphraft.core.engine.Role;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.function.BooleanSupplier;

/**
 * A member running in another process, seen through its {@link ControlServer}. Closing it kills
 * the process the way its owner knows (SIGKILL for a child; an agent's kill for a remote one).
 */
public final class ControlClient implements Member {
    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(10);
    /** A snapshot of a large graph takes as long as it takes; this only bounds a wait on a process that died. */
    private static final Duration SNAPSHOT_TIMEOUT = Duration.ofMinutes(10);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String id;
    private final URI base;
    private final String secret;
    private final Codec codec;
    private final BooleanSupplier alive;
    private final Runnable kill;
    private final HttpClient http;

    /**
     * @param alive whether the process still runs (a dead one is {@link Role#STOPPED})
     * @param kill  stops the process at once; returns when it is gone
     */
    public ControlClient(String id, InetSocketAddress control, String secret, Codec codec, BooleanSupplier alive,
                         Runnable kill) {
        this.id = id;
        this.base = URI.create("http://" + Addresses.format(control));
        this.secret = secret;
        this.codec = codec;
        this.alive = alive;
        this.kill = kill;
        this.http = HttpClient.newBuilder().connectTimeout(CALL_TIMEOUT).build();
    }

    @Override
    public Role role() {
        if (!alive.getAsBoolean()) {
            return Role.STOPPED;
        }
        try {
            return Role.valueOf(status().path("role").asText());
        } catch (EngineUnavailableException e) {
            if (!alive.getAsBoolean()) {
                return Role.STOPPED;
            }
            throw e;
        }
    }

    @Override
    public long term() {
        return status().path("term").asLong();
    }

    @Override
    public long lastAppliedIndex() {
        return status().path("lastAppliedIndex").asLong();
    }

    @Override
    public Result localRead(Query query) {
        return codec.decodeResult(call(ControlServer.QUERY, HttpRequest.BodyPublishers.ofByteArray(codec.encodeQuery(query)),
                CALL_TIMEOUT));
    }

    @Override
    public void takeSnapshot() {
        call(ControlServer.SNAPSHOT, HttpRequest.BodyPublishers.noBody(), SNAPSHOT_TIMEOUT);
    }

    @Override
    public long logSizeBytes() {
        return sizes().path("logBytes").asLong();
    }

    @Override
    public long snapshotSizeBytes() {
        return sizes().path("snapshotBytes").asLong();
    }

    @Override
    public void close() {
        kill.run();
    }

    private JsonNode status() {
        return json(get(ControlServer.STATUS));
    }

    private JsonNode sizes() {
        return json(get(ControlServer.SIZES));
    }

    private byte[] get(String path) {
        return send(HttpRequest.newBuilder(base.resolve(path)).GET(), CALL_TIMEOUT);
    }

    private byte[] call(String path, HttpRequest.BodyPublisher body, Duration timeout) {
        return send(HttpRequest.newBuilder(base.resolve(path)).POST(body), timeout);
    }

    private byte[] send(HttpRequest.Builder request, Duration timeout) {
        HttpRequest built = request.header(ControlServer.SECRET_HEADER, secret).timeout(timeout).build();
        HttpResponse<byte[]> response;
        try {
            response = http.send(built, HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new EngineUnavailableException("node " + id + " does not answer its control channel ("
                    + (alive.getAsBoolean() ? "process running" : "process gone") + "): " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EngineUnavailableException("interrupted while asking node " + id, e);
        }
        if (response.statusCode() / 100 != 2) {
            String message = new String(response.body(), StandardCharsets.UTF_8);
            throw new EngineUnavailableException("node " + id + ": " + message);
        }
        return response.body();
    }

    private JsonNode json(byte[] body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new EngineUnavailableException("node " + id + " sent an unreadable answer: " + e.getMessage(), e);
        }
    }

    @Override
    public String toString() {
        return id + " (control " + base + ")";
    }
}
