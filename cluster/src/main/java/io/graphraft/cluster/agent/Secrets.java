package io.graphraft.cluster.agent;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** The secret an agent and the harness share: from a file, or from the environment. */
public final class Secrets {
    public static final String ENVIRONMENT = "GRAPHRAFT_AGENT_SECRET";
    private static final int MIN_LENGTH = 16;

    private Secrets() {
    }

    /**
     * The secret in {@code file} (trimmed), or in {@link #ENVIRONMENT} if {@code file} is null.
     *
     * @throws IllegalArgumentException if there is none or it is shorter than 16 characters
     */
    public static String read(Path file) {
        String secret;
        String source;
        if (file != null) {
            try {
                secret = Files.readString(file, StandardCharsets.UTF_8).trim();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the agent secret from " + file, e);
            }
            source = "secret file " + file;
        } else {
            secret = System.getenv(ENVIRONMENT);
            source = "environment variable " + ENVIRONMENT;
        }
        if (secret == null || secret.length() < MIN_LENGTH) {
            throw new IllegalArgumentException("the agent secret (" + source + ") must be at least " + MIN_LENGTH
                    + " characters" + (secret == null ? "; it is not set" : ""));
        }
        return secret;
    }
}
