package io.graphraft.bench.cli;

import io.graphraft.bench.run.RunDirectory;
import io.graphraft.reports.runfiles.RunFiles;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Unmatched;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

/**
 * {@code profile}: runs a benchmark under async-profiler through JMH's {@code -prof async} and leaves
 * HTML flame graphs in the run folder. The profiler library ships inside benchmarks.jar
 * (tools.profiler:async-profiler) and is extracted for JMH's {@code libPath}. CPU mode uses perf
 * events where the kernel allows them and falls back to {@code ctimer} where it does not
 * (perf_event_paranoid above 1, as in most containers); wall mode samples all threads whether running
 * or waiting, so fsync and network waits show, which CPU flame graphs cannot.
 */
@Command(name = "profile", mixinStandardHelpOptions = true, usageHelpWidth = 110,
        description = {"Run a benchmark under async-profiler and write HTML flame graphs to the run folder.",
                "Example: profile --mode wall WriteLatencyBenchmark -p engine=ratis -p nodes=3 -f 1 -i 2"})
public final class ProfileCommand implements Callable<Integer> {
    /** What async-profiler samples. */
    enum Mode { cpu, wall, alloc }

    @Option(names = "--mode", defaultValue = "cpu",
            description = "cpu (perf events or ctimer), wall, or alloc (default ${DEFAULT-VALUE})")
    Mode mode;

    @Parameters(index = "0", description = "benchmark regex, as for JMH")
    String benchmark;

    /** Everything after the benchmark goes to JMH as it is (-p k=v, -f, -i, -wi, ...). */
    @Unmatched
    List<String> jmhOptions = new ArrayList<>();

    @Override
    public Integer call() throws IOException {
        String event = event();
        Path library = extractLibrary();
        Path run = RunDirectory.create(RunFiles.DEFAULT_RUNS);
        Path flames = run.resolve("flamegraphs-" + mode);
        List<String> args = new ArrayList<>();
        args.add(benchmark);
        args.addAll(jmhOptions);
        args.add("-prof");
        args.add("async:libPath=" + library + ";output=flamegraph;event=" + event + ";dir=" + flames);
        System.out.println("Profiling " + benchmark + " with async-profiler, event=" + event);
        int status = JmhCommand.run(args.toArray(String[]::new), run);
        if (!Files.isDirectory(run)) {
            return status; // nothing was measured, and the folder is gone
        }
        try (Stream<Path> files = Files.walk(run)) {
            files.filter(f -> f.toString().endsWith(".html")).forEach(f -> System.out.println("Flame graph: " + f));
        }
        return status;
    }

    private String event() {
        return switch (mode) {
            case cpu -> {
                if (perfEventsAllowed()) {
                    yield "cpu";
                }
                System.out.println("perf events are restricted here (kernel.perf_event_paranoid > 1): CPU mode uses ctimer");
                yield "ctimer";
            }
            case wall, alloc -> mode.name();
        };
    }

    static boolean perfEventsAllowed() {
        try {
            // Files.readString returns only the first byte of a /proc/sys file ("-" of "-1").
            String value = Files.readAllLines(Paths.get("/proc/sys/kernel/perf_event_paranoid")).get(0).trim();
            return Integer.parseInt(value) <= 1;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /** Copies the platform's libasyncProfiler.so out of the jar into a temporary file. */
    static Path extractLibrary() {
        String arch = System.getProperty("os.arch");
        String platform = arch.contains("aarch64") || arch.contains("arm64") ? "linux-arm64" : "linux-x64";
        String resource = "/" + platform + "/libasyncProfiler.so";
        try (InputStream in = ProfileCommand.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("async-profiler library " + resource + " is not in benchmarks.jar");
            }
            Path library = Files.createTempFile("libasyncProfiler-", ".so");
            Files.copy(in, library, StandardCopyOption.REPLACE_EXISTING);
            library.toFile().deleteOnExit();
            return library;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot extract the async-profiler library", e);
        }
    }
}
