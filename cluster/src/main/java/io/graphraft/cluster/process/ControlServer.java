package io.graphraft.cluster.process;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.graphraft.core.codec.Codec;
import io.graphraft.core.engine.EngineUnavailableException;
import io.graphraft.core.engine.Member;
import io.graphraft.core.engine.Role;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The control channel of a node process: the harness asks its member's state, reads from it and
 * has it take snapshots, over HTTP on the member's host. Only these operations exist, and every
 * request must carry the cluster's secret.
 */
public final class ControlServer implements AutoCloseable {
    static final String SECRET_HEADER = "X-GraphRaft-Secret";
    static final String STATUS = "/status";
    static final String QUERY = "/query";
    static final String SNAPSHOT = "/snapshot";
    static final String SIZES = "/sizes";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final ExecutorService executor;

    private ControlServer(HttpServer server, ExecutorService executor) {
        this.server = server;
        this.executor = executor;
    }

    /** Serves {@code member} on a free port of {@code host}. */
    public static ControlServer start(Member member, Codec codec, String host, String secret) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(host, 0), 16);
        ExecutorService executor = Executors.newFixedThreadPool(4, runnable -> {
            Thread thread = new Thread(runnable, "node-control");
            thread.setDaemon(true);
            return thread;
        });
        byte[] expected = secret.getBytes(StandardCharsets.UTF_8);
        server.createContext(STATUS, exchange -> serve(exchange, expected, "GET", () -> {
            Map<String, Object> status = new LinkedHashMap<>();
            Role role = member.role();
            status.put("role", role.name());
            status.put("term", role == Role.STOPPED ? 0 : member.term());
            status.put("lastAppliedIndex", role == Role.STOPPED ? -1 : member.lastAppliedIndex());
            return JSON.writeValueAsBytes(status);
        }));
        server.createContext(QUERY, exchange -> serve(exchange, expected, "POST", () ->
                codec.encodeResult(member.localRead(codec.decodeQuery(exchange.getRequestBody().readAllBytes())))));
        server.createContext(SNAPSHOT, exchange -> serve(exchange, expected, "POST", () -> {
            member.takeSnapshot();
            return new byte[0];
        }));
        server.createContext(SIZES, exchange -> serve(exchange, expected, "GET", () ->
                JSON.writeValueAsBytes(Map.of("logBytes", member.logSizeBytes(), "snapshotBytes", member.snapshotSizeBytes()))));
        server.setExecutor(executor);
        server.start();
        return new ControlServer(server, executor);
    }

    /** A fresh random secret for one cluster's control channels. */
    public static String newSecret() {
        byte[] bytes = new byte[24];
        new java.security.SecureRandom().nextBytes(bytes);
        return java.util.HexFormat.of().formatHex(bytes);
    }

    public int port() {
        return server.getAddress().getPort();
    }

    private interface Answer {
        byte[] get() throws Exception;
    }

    private static void serve(HttpExchange exchange, byte[] secret, String method, Answer answer) throws IOException {
        try (exchange) {
            String given = exchange.getRequestHeaders().getFirst(SECRET_HEADER);
            if (given == null || !MessageDigest.isEqual(secret, given.getBytes(StandardCharsets.UTF_8))) {
                reply(exchange, 401, "missing or wrong " + SECRET_HEADER);
                return;
            }
            if (!exchange.getRequestMethod().equals(method)) {
                reply(exchange, 405, exchange.getRequestURI().getPath() + " takes " + method);
                return;
            }
            byte[] body;
            try {
                body = answer.get();
            } catch (EngineUnavailableException e) {
                reply(exchange, 503, String.valueOf(e.getMessage()));
                return;
            } catch (Exception e) {
                reply(exchange, 500, e.toString());
                return;
            }
            exchange.sendResponseHeaders(body.length == 0 ? 204 : 200, body.length == 0 ? -1 : body.length);
            if (body.length > 0) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            }
        }
    }

    private static void reply(HttpExchange exchange, int status, String message) throws IOException {
        byte[] text = message.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, text.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(text);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
