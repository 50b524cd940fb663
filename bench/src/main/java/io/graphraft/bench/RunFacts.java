package io.graphraft.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * Measured facts that are not times (snapshot bytes, log bytes, leader changes) written beside the
 * latency logs as {@code <name>.facts.json}, for the report.
 */
final class RunFacts {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private RunFacts() {
    }

    static void write(String name, Map<String, ?> facts) {
        try {
            JSON.writeValue(RunDirectory.current().resolve(name + ".facts.json").toFile(), facts);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write facts " + name, e);
        }
    }
}
