package io.graphraft.checker.history;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads a JSON Lines history (see the module README). A malformed line, or one that does not fit the history
 * so far, is refused with an {@link InvalidHistoryException} naming its line number.
 */
public final class HistoryReader {
    private HistoryReader() {
    }

    public static History read(Path file) throws IOException {
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return read(reader, file.toString());
        }
    }

    /** Reads from {@code source}; {@code name} prefixes error messages. */
    public static History read(Reader source, String name) throws IOException {
        BufferedReader reader = source instanceof BufferedReader b ? b : new BufferedReader(source);
        HistoryAssembler assembler = new HistoryAssembler();
        String line;
        int number = 0;
        while ((line = reader.readLine()) != null) {
            String where = name + " line " + ++number;
            if (line.isBlank()) {
                throw new InvalidHistoryException(where + ": empty line");
            }
            HistoryEvent event;
            try {
                event = HistoryJson.decode(line);
            } catch (IllegalArgumentException | NullPointerException e) {
                throw new InvalidHistoryException(where + ": " + e.getMessage(), e);
            }
            assembler.add(event, where);
        }
        return assembler.build();
    }
}
