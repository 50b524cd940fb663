package io.graphraft.cluster.process;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.graphraft.core.engine.EngineUnavailableException;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A child JVM running {@link NodeMain}: started from this JVM's own classpath, told its launch on
 * standard input (which stays open: the child halts when it closes), its diagnostics appended to a
 * log file. Stopping it is SIGKILL; pausing it SIGSTOP.
 */
public final class NodeProcess {
    /** A cold JVM loading a large snapshot takes a while; this bounds a child that hangs. */
    private static final Duration START_TIMEOUT = Duration.ofMinutes(3);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Process process;
    private final OutputStream input;
    private final int controlPort;
    private final StartPhases phases;

    private NodeProcess(Process process, OutputStream input, int controlPort, StartPhases phases) {
        this.process = process;
        this.input = input;
        this.controlPort = controlPort;
        this.phases = phases;
    }

    /**
     * Starts a node process and returns once its member serves.
     *
     * @throws EngineUnavailableException with the child's reason (and its log's tail) if it does not
     */
    public static NodeProcess start(NodeLaunch launch, List<String> jvmFlags, Path logFile) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmFlags);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(NodeMain.class.getName());
        Process process;
        try {
            Files.createDirectories(logFile.toAbsolutePath().getParent());
            process = new ProcessBuilder(command)
                    .redirectError(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start a node process (" + command.get(0) + ")", e);
        }
        try {
            OutputStream input = process.getOutputStream();
            input.write((launch.toJson() + "\n").getBytes(StandardCharsets.UTF_8));
            input.flush();
            String answer = firstLine(process).get(START_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            if (answer == null || !answer.startsWith(NodeMain.READY)) {
                throw new EngineUnavailableException("node n" + launch.index() + " did not start: "
                        + (answer == null ? "its process ended (exit " + exitCode(process) + ")" : answer)
                        + "; log " + logFile + ": " + tail(logFile));
            }
            JsonNode ready = JSON.readTree(answer.substring(NodeMain.READY.length()));
            Instant created = process.info().startInstant().orElse(Instant.ofEpochMilli(ready.path("jvmStartMillis").asLong()));
            StartPhases phases = new StartPhases(
                    Duration.ofMillis(Math.max(0, ready.path("mainMillis").asLong() - created.toEpochMilli())),
                    Duration.ofMillis(ready.path("memberStartedMillis").asLong() - ready.path("mainMillis").asLong()));
            return new NodeProcess(process, input, ready.path("controlPort").asInt(), phases);
        } catch (IOException | ExecutionException | TimeoutException | RuntimeException e) {
            kill(process);
            if (e instanceof EngineUnavailableException unavailable) {
                throw unavailable;
            }
            throw new EngineUnavailableException("node n" + launch.index() + " did not start within "
                    + START_TIMEOUT.toSeconds() + " s: " + e + "; log " + logFile + ": " + tail(logFile), e);
        } catch (InterruptedException e) {
            kill(process);
            Thread.currentThread().interrupt();
            throw new EngineUnavailableException("interrupted while node n" + launch.index() + " started", e);
        }
    }

    /** The child's first line on standard output; the rest is drained so the child never blocks on it. */
    private static CompletableFuture<String> firstLine(Process process) {
        CompletableFuture<String> first = new CompletableFuture<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                first.complete(out.readLine());
                while (out.readLine() != null) {
                    // NodeMain prints nothing more; drained in case a library writes to the real stdout
                }
            } catch (IOException e) {
                first.complete(null);
            }
        }, "node-process-" + process.pid() + "-stdout");
        reader.setDaemon(true);
        reader.start();
        return first;
    }

    public long pid() {
        return process.pid();
    }

    public int controlPort() {
        return controlPort;
    }

    public StartPhases phases() {
        return phases;
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** SIGKILL: no shutdown hook, no flush. Returns once the process is gone. */
    public void kill() {
        kill(process);
        try {
            input.close();
        } catch (IOException ignored) {
            // the process is gone
        }
    }

    public void pause() {
        signal("STOP");
    }

    public void resume() {
        signal("CONT");
    }

    private void signal(String signal) {
        if (!process.isAlive()) {
            throw new EngineUnavailableException("node process " + process.pid() + " is not running");
        }
        try {
            Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(process.pid()))
                    .redirectErrorStream(true).start();
            String output = new String(kill.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            if (kill.waitFor() != 0) {
                throw new IllegalStateException("kill -" + signal + " " + process.pid() + " failed: " + output);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot send SIG" + signal + " to node process " + process.pid(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while sending SIG" + signal, e);
        }
    }

    private static void kill(Process process) {
        process.destroyForcibly(); // SIGKILL on Linux
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("node process " + process.pid() + " survived SIGKILL for 30 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String exitCode(Process process) {
        try {
            return process.waitFor(5, TimeUnit.SECONDS) ? Integer.toString(process.exitValue()) : "unknown";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "unknown";
        }
    }

    /** The last lines of a node's log, for an error message. */
    static String tail(Path logFile) {
        try {
            List<String> lines = Files.readAllLines(logFile, StandardCharsets.UTF_8);
            return String.join(" | ", lines.subList(Math.max(0, lines.size() - 8), lines.size()));
        } catch (IOException | UncheckedIOException e) {
            return "(no log)";
        }
    }
}
