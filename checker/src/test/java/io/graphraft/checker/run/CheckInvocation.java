package io.graphraft.checker.run;

import picocli.CommandLine;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Runs {@code check} as the command line would, with its run folders and node files below a test's directory. */
final class CheckInvocation {
    private final Path temp;
    private final ByteArrayOutputStream output = new ByteArrayOutputStream();

    CheckInvocation(Path temp) {
        this.temp = temp;
    }

    /** Runs {@code check args} and returns its exit code. */
    int run(String... args) {
        String[] all = Stream.concat(Stream.of(args), Stream.of("--runs-dir", temp.resolve("runs").toString(),
                "--data-dir", temp.resolve("data").toString())).toArray(String[]::new);
        PrintStream out = new PrintStream(output, true, StandardCharsets.UTF_8);
        return CheckCommand.commandLine(new CheckCommand(out, CheckCommand.Finisher.NONE))
                .setOut(new PrintWriter(out, true)).setErr(new PrintWriter(out, true)).execute(all);
    }

    /** What the command printed, on either stream. */
    String output() {
        return output.toString(StandardCharsets.UTF_8);
    }

    /** The one run folder the command made. */
    Path runFolder() {
        List<Path> runs = runs();
        assertThat(runs).hasSize(1);
        assertThat(runs.get(0).getFileName().toString()).matches("\\d{8}-\\d{6}-check-.+");
        return runs.get(0);
    }

    List<Path> runs() {
        Path dir = temp.resolve("runs");
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> runs = Files.list(dir)) {
            return runs.toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
