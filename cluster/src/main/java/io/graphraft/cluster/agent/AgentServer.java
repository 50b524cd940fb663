package io.graphraft.cluster.agent;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.graphraft.cluster.process.NodeLaunch;
import io.graphraft.cluster.process.NodeProcess;
import io.graphraft.core.engine.EngineUnavailableException;
import io.graphraft.core.util.Directories;
import io.graphraft.core.util.LoopbackPorts;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * An agent: runs the members a harness on another host asks for, as child JVMs of its own, and
 * applies faults to them. It knows only these operations — free ports, start, kill, pause,
 * resume, wipe, is-alive, and the members' log files — each a POST of JSON carrying the shared
 * secret; it runs no other command and touches no directory outside its data root.
 */
public final class AgentServer implements AutoCloseable {
    static final String SECRET_HEADER = "X-GraphRaft-Secret";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final ExecutorService executor;
    private final Path dataRoot;
    private final byte[] secret;
    private final Map<String, NodeProcess> members = new ConcurrentHashMap<>();
    private final Map<String, Path> clusterDirectories = new ConcurrentHashMap<>();

    private AgentServer(HttpServer server, ExecutorService executor, Path dataRoot, String secret) {
        this.server = server;
        this.executor = executor;
        this.dataRoot = dataRoot.toAbsolutePath().normalize();
        this.secret = secret.getBytes(StandardCharsets.UTF_8);
    }

    /** Listens at {@code listen} (port 0: any free port) and keeps members' data below {@code dataRoot}. */
    public static AgentServer start(InetSocketAddress listen, Path dataRoot, String secret) throws IOException {
        Files.createDirectories(dataRoot);
        HttpServer http = HttpServer.create(listen, 16);
        ExecutorService executor = Executors.newCachedThreadPool(runnable -> {
            Thread thread = new Thread(runnable, "agent");
            thread.setDaemon(true);
            return thread;
        });
        AgentServer agent = new AgentServer(http, executor, dataRoot, secret);
        agent.route("/ports", agent::ports);
        agent.route("/start", agent::startMember);
        agent.route("/kill", body -> agent.withMember(body, NodeProcess::kill));
        agent.route("/pause", body -> agent.withMember(body, NodeProcess::pause));
        agent.route("/resume", body -> agent.withMember(body, NodeProcess::resume));
        agent.route("/alive", body -> Map.of("alive", agent.member(body).isAlive()));
        agent.route("/wipe", agent::wipe);
        http.createContext("/files", agent::files);
        http.setExecutor(executor);
        http.start();
        return agent;
    }

    public InetSocketAddress address() {
        return server.getAddress();
    }

    private interface Operation {
        Object apply(JsonNode body) throws Exception;
    }

    private void route(String path, Operation operation) {
        server.createContext(path, exchange -> {
            try (exchange) {
                if (!authorized(exchange)) {
                    return;
                }
                Object answer;
                try {
                    answer = operation.apply(JSON.readTree(exchange.getRequestBody()));
                } catch (IllegalArgumentException e) {
                    reply(exchange, 400, e.getMessage().getBytes(StandardCharsets.UTF_8));
                    return;
                } catch (EngineUnavailableException e) {
                    reply(exchange, 503, String.valueOf(e.getMessage()).getBytes(StandardCharsets.UTF_8));
                    return;
                } catch (Exception e) {
                    reply(exchange, 500, e.toString().getBytes(StandardCharsets.UTF_8));
                    return;
                }
                reply(exchange, 200, JSON.writeValueAsBytes(answer == null ? Map.of() : answer));
            }
        });
    }

    private boolean authorized(HttpExchange exchange) throws IOException {
        String given = exchange.getRequestHeaders().getFirst(SECRET_HEADER);
        if (given == null || !MessageDigest.isEqual(secret, given.getBytes(StandardCharsets.UTF_8))) {
            reply(exchange, 401, ("missing or wrong " + SECRET_HEADER).getBytes(StandardCharsets.UTF_8));
            return false;
        }
        if (!exchange.getRequestMethod().equals("POST")) {
            reply(exchange, 405, "every agent operation is a POST".getBytes(StandardCharsets.UTF_8));
            return false;
        }
        return true;
    }

    /** {@code {"count": n}} → {@code {"ports": [...]}}: ports free on this agent's address now. */
    private Object ports(JsonNode body) {
        int count = body.path("count").asInt(0);
        if (count < 1 || count > 64) {
            throw new IllegalArgumentException("count must be 1 to 64, was " + body.path("count"));
        }
        return Map.of("ports", LoopbackPorts.free(server.getAddress().getAddress(), count));
    }

    /**
     * {@code {"launch": NodeLaunch, "dataDirectory": "...", "jvmFlags": [...]}} → the started member's
     * control port and pid. The member's data go below the given directory (inside the data root).
     */
    private Object startMember(JsonNode body) {
        NodeLaunch launch = JSON.convertValue(body.path("launch"), NodeLaunch.class);
        Path clusterDirectory = clusterDirectory(launch.clusterId(), body.path("dataDirectory").asText(""));
        List<String> flags = new ArrayList<>();
        body.path("jvmFlags").forEach(flag -> flags.add(flag.asText()));
        String key = key(launch.clusterId(), launch.index());
        NodeProcess previous = members.get(key);
        if (previous != null && previous.isAlive()) {
            throw new IllegalArgumentException("member " + key + " is running; kill it first");
        }
        NodeProcess process = NodeProcess.start(launch.withDataDirectory(clusterDirectory), flags,
                clusterDirectory.resolve("node-" + launch.index() + ".log"));
        members.put(key, process);
        return Map.of("controlPort", process.controlPort(), "pid", process.pid());
    }

    private Path clusterDirectory(String clusterId, String requested) {
        return clusterDirectories.computeIfAbsent(clusterId, id -> {
            Path base = requested.isEmpty() ? dataRoot : Path.of(requested).toAbsolutePath().normalize();
            if (!base.startsWith(dataRoot)) {
                throw new IllegalArgumentException("data directory " + base + " is outside this agent's data root " + dataRoot);
            }
            Path directory = base.resolve(id);
            try {
                Files.createDirectories(directory);
            } catch (IOException e) {
                throw new IllegalArgumentException("cannot create data directory " + directory + ": " + e, e);
            }
            return directory;
        });
    }

    private Object withMember(JsonNode body, java.util.function.Consumer<NodeProcess> action) {
        action.accept(member(body));
        return null;
    }

    private NodeProcess member(JsonNode body) {
        String key = key(body.path("clusterId").asText(), body.path("index").asInt(-1));
        NodeProcess process = members.get(key);
        if (process == null) {
            throw new IllegalArgumentException("no member " + key + " was started here");
        }
        return process;
    }

    /** {@code {"clusterId", "index"}}: deletes a killed member's directory. */
    private Object wipe(JsonNode body) {
        NodeProcess process = member(body);
        if (process.isAlive()) {
            throw new IllegalArgumentException("member " + body.path("index") + " is running; kill it before wiping it");
        }
        Path directory = clusterDirectories.get(body.path("clusterId").asText());
        Directories.deleteRecursively(directory.resolve("node-" + body.path("index").asInt()));
        return null;
    }

    /** {@code {"clusterId"}} → a zip of that cluster's member logs. */
    private void files(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!authorized(exchange)) {
                return;
            }
            Path directory = clusterDirectories.get(JSON.readTree(exchange.getRequestBody()).path("clusterId").asText());
            if (directory == null) {
                reply(exchange, 400, "no such cluster here".getBytes(StandardCharsets.UTF_8));
                return;
            }
            exchange.getResponseHeaders().add("Content-Type", "application/zip");
            exchange.sendResponseHeaders(200, 0);
            try (ZipOutputStream zip = new ZipOutputStream(exchange.getResponseBody());
                 Stream<Path> logs = Files.list(directory)) {
                for (Path log : logs.filter(p -> p.getFileName().toString().endsWith(".log")).toList()) {
                    zip.putNextEntry(new ZipEntry(log.getFileName().toString()));
                    Files.copy(log, zip);
                    zip.closeEntry();
                }
            }
        }
    }

    private static String key(String clusterId, int index) {
        return clusterId + "/n" + index;
    }

    private static void reply(HttpExchange exchange, int status, byte[] body) throws IOException {
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    /** Kills every member this agent started and stops listening. */
    @Override
    public void close() {
        server.stop(0);
        members.values().forEach(NodeProcess::kill);
        executor.shutdownNow();
    }
}
