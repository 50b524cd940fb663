package io.graphraft.cluster.agent;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.graphraft.cluster.process.Addresses;
import io.graphraft.cluster.process.NodeLaunch;
import io.graphraft.core.engine.EngineUnavailableException;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/** The harness's side of one {@link AgentServer}. */
public final class AgentClient {
    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(10);
    /** A member's start includes a cold JVM and its snapshot load. */
    private static final Duration START_TIMEOUT = Duration.ofMinutes(4);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final InetSocketAddress address;
    private final URI base;
    private final String secret;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(CALL_TIMEOUT).build();

    public AgentClient(InetSocketAddress address, String secret) {
        this.address = address;
        this.base = URI.create("http://" + Addresses.format(address));
        this.secret = secret;
    }

    public InetSocketAddress address() {
        return address;
    }

    public List<Integer> freePorts(int count) {
        List<Integer> ports = new ArrayList<>();
        post("/ports", Map.of("count", count), CALL_TIMEOUT).path("ports").forEach(port -> ports.add(port.asInt()));
        return ports;
    }

    /** Starts a member; returns its control port. */
    public int start(NodeLaunch launch, String dataDirectory, List<String> jvmFlags) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("launch", launch);
        if (dataDirectory != null) {
            body.put("dataDirectory", dataDirectory);
        }
        body.put("jvmFlags", jvmFlags);
        return post("/start", body, START_TIMEOUT).path("controlPort").asInt();
    }

    public void kill(String clusterId, int index) {
        post("/kill", member(clusterId, index), CALL_TIMEOUT);
    }

    public void pause(String clusterId, int index) {
        post("/pause", member(clusterId, index), CALL_TIMEOUT);
    }

    public void resume(String clusterId, int index) {
        post("/resume", member(clusterId, index), CALL_TIMEOUT);
    }

    public void wipe(String clusterId, int index) {
        post("/wipe", member(clusterId, index), CALL_TIMEOUT);
    }

    public boolean alive(String clusterId, int index) {
        return post("/alive", member(clusterId, index), CALL_TIMEOUT).path("alive").asBoolean();
    }

    /** Copies the members' log files of a cluster into {@code directory}, named {@code <agent host>-<file>}. */
    public void collectLogs(String clusterId, Path directory) {
        byte[] zip = send("/files", Map.of("clusterId", clusterId), CALL_TIMEOUT);
        try (ZipInputStream in = new ZipInputStream(new java.io.ByteArrayInputStream(zip))) {
            Files.createDirectories(directory);
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                String name = Path.of(entry.getName()).getFileName().toString();
                Files.copy((InputStream) in, directory.resolve(address.getHostString() + "-" + name),
                        java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new EngineUnavailableException("cannot collect logs from agent " + base + ": " + e, e);
        }
    }

    private static Map<String, Object> member(String clusterId, int index) {
        return Map.of("clusterId", clusterId, "index", index);
    }

    private JsonNode post(String path, Object body, Duration timeout) {
        try {
            return JSON.readTree(send(path, body, timeout));
        } catch (IOException e) {
            throw new EngineUnavailableException("agent " + base + " sent an unreadable answer to " + path, e);
        }
    }

    private byte[] send(String path, Object body, Duration timeout) {
        try {
            HttpRequest request = HttpRequest.newBuilder(base.resolve(path))
                    .header(AgentServer.SECRET_HEADER, secret)
                    .timeout(timeout)
                    .POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body)))
                    .build();
            HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() != 200) {
                String message = "agent " + base + path + ": " + new String(response.body(), StandardCharsets.UTF_8);
                if (response.statusCode() == 400 || response.statusCode() == 401) {
                    throw new IllegalArgumentException(message);
                }
                throw new EngineUnavailableException(message);
            }
            return response.body();
        } catch (IOException e) {
            throw new EngineUnavailableException("agent " + base + " does not answer " + path + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EngineUnavailableException("interrupted while calling agent " + base, e);
        }
    }

    @Override
    public String toString() {
        return "agent " + base;
    }
}
