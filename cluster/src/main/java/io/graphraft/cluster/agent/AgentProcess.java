package io.graphraft.cluster.agent;

import io.graphraft.cluster.process.Addresses;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * An agent run as a child JVM of this one (from this JVM's classpath), for tests and single-host
 * demonstrations of the agent topology. It exits with this JVM: it watches its standard input.
 */
public final class AgentProcess implements AutoCloseable {
    private final Process process;
    private final InetSocketAddress address;

    private AgentProcess(Process process, InetSocketAddress address) {
        this.process = process;
        this.address = address;
    }

    /** Starts an agent listening on a free port of {@code host}, keeping data below {@code data}. */
    public static AgentProcess start(String host, Path data, Path secretFile, List<String> jvmFlags, Path logFile) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmFlags);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), AgentCommand.class.getName(),
                "--listen", host + ":0", "--data", data.toString(), "--secret-file", secretFile.toString(),
                "--exit-with-parent"));
        Process process;
        try {
            process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.appendTo(logFile.toFile())).start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start an agent", e);
        }
        try {
            CompletableFuture<String> line = CompletableFuture.supplyAsync(() -> {
                try {
                    return new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8)).readLine();
                } catch (IOException e) {
                    return null;
                }
            });
            String answer = line.get(60, TimeUnit.SECONDS);
            if (answer == null || !answer.startsWith(AgentCommand.LISTENING)) {
                throw new IllegalStateException("the agent on " + host + " did not start: " + answer + " (log " + logFile + ")");
            }
            return new AgentProcess(process, Addresses.parse(answer.substring(AgentCommand.LISTENING.length()).trim()));
        } catch (Exception e) {
            process.destroyForcibly();
            throw e instanceof RuntimeException r ? r : new IllegalStateException("the agent on " + host + " did not start", e);
        }
    }

    public InetSocketAddress address() {
        return address;
    }

    /** Kills the agent; its members see their standard input close and halt. */
    @Override
    public void close() {
        process.destroyForcibly();
        try {
            process.waitFor(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
