package io.graphraft.checker.run;

import io.graphraft.cluster.Topology;
import io.graphraft.core.engine.Capability;
import io.graphraft.core.engine.Engine;
import io.graphraft.core.engine.Engines;
import io.graphraft.core.engine.UnsupportedSettingException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ThreadLocalRandom;

/**
 * {@code benchmarks.jar check --engine E ...}: a Jepsen-style correctness check of one engine under faults (see
 * {@link CheckRun}), written to a new run folder {@code <runs-dir>/<timestamp>-check-<engine>/}.
 */
@Command(name = "check", mixinStandardHelpOptions = true, usageHelpWidth = 110, sortOptions = false,
        description = {"Correctness under faults: concurrent clients write and read registers (linearizable reads) and",
                "create nodes while a seeded nemesis kills and restarts nodes, pauses them and partitions the network;",
                "then the recorded history is checked for linearizability per register and for lost, duplicated or",
                "unexpected nodes. Writes history.jsonl, check.json and check.md into a new run folder.",
                "Exit code: 0 valid, 1 anomalies found (INVALID), 3 inconclusive (search budget or final read),",
                "2 bad arguments."})
public final class CheckCommand implements Callable<Integer> {
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");
    /** The run folder's full report, if the {@link Finisher} wrote one. */
    private static final String REPORT = "report.md";

    @Option(names = "--engine", required = true, description = "a replicated engine on the classpath: ratis, copycat, jraft")
    String engine;

    @Option(names = "--nodes", defaultValue = "3", description = "cluster size, 3 or 5 (default ${DEFAULT-VALUE})")
    int nodes;

    @Option(names = "--clients", defaultValue = "8", description = "concurrent clients, each its own connection (default ${DEFAULT-VALUE})")
    int clients;

    @Option(names = "--seconds", defaultValue = "60", description = "how long the workload runs (default ${DEFAULT-VALUE})")
    int seconds;

    @Option(names = "--rounds", defaultValue = "10", description = "nemesis rounds (fault, hold, heal) spread over the run (default ${DEFAULT-VALUE})")
    int rounds;

    @Option(names = "--seed", description = "seed of the fault schedule and the operation mix (default: random, printed)")
    Long seed;

    @Option(names = "--topology", defaultValue = "jvm", description = "jvm or process (default ${DEFAULT-VALUE}); pause needs process")
    String topology;

    @Option(names = "--faults", split = ",", description = "fault kinds to draw from (default all: kill,pause,partition,isolate-leader,asymmetric,bridge)")
    List<String> faults = new ArrayList<>();

    @Option(names = "--keys", defaultValue = "8", description = "registers (default ${DEFAULT-VALUE})")
    int keys;

    @Option(names = "--request-timeout-ms", defaultValue = "3000", description = "client request timeout (default ${DEFAULT-VALUE})")
    long requestTimeoutMillis;

    @Option(names = "--election-timeout-ms", defaultValue = "500",
            description = "election timeout for engines that take one; 0: the engine's default (default ${DEFAULT-VALUE})")
    long electionTimeoutMillis;

    @Option(names = "--runs-dir", defaultValue = "reports/runs", description = "where run folders are created (default ${DEFAULT-VALUE})")
    Path runsDirectory;

    @Option(names = "--data-dir", description = "where the nodes keep their files while the check runs (default: the temporary directory)")
    Path dataDirectory;

    @Spec
    CommandSpec spec;

    private final PrintStream out;
    private final Finisher finisher;

    /**
     * What a host program adds to a finished check's run folder once {@code history.jsonl}, {@value CheckReport#JSON}
     * and {@value CheckReport#MARKDOWN} are in it (benchmarks.jar: env.json and report.md).
     */
    @FunctionalInterface
    public interface Finisher {
        Finisher NONE = (run, config) -> { };

        void finish(Path runFolder, CheckConfig config) throws IOException;
    }

    public CheckCommand() {
        this(System.out, Finisher.NONE);
    }

    public CheckCommand(PrintStream out, Finisher finisher) {
        this.out = out;
        this.finisher = finisher;
    }

    public static void main(String[] args) {
        System.exit(execute(Finisher.NONE, args));
    }

    /** Runs {@code check} with these arguments and returns its exit code. */
    public static int execute(Finisher finisher, String... args) {
        return commandLine(new CheckCommand(System.out, finisher)).execute(args);
    }

    /** The command line of {@code command}: a bad argument is refused in one line naming it, with exit code 2. */
    static CommandLine commandLine(CheckCommand command) {
        CommandLine line = new CommandLine(command);
        line.setParameterExceptionHandler((e, args) -> {
            e.getCommandLine().getErr().println("check: " + e.getMessage() + " (check --help lists the options)");
            return CommandLine.ExitCode.USAGE;
        });
        return line;
    }

    @Override
    public Integer call() throws IOException {
        CheckConfig config;
        try {
            config = config();
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage(), e);
        }
        Path run = createRunFolder(runsDirectory, config.engine());
        out.println("check " + config.engine() + " (seed " + config.seed() + "); results go to " + run);
        CheckResult result;
        try {
            result = CheckRun.run(config, run, dataDirectory != null ? dataDirectory
                    : Paths.get(System.getProperty("java.io.tmpdir")), out::println);
        } catch (UnsupportedSettingException e) {
            out.println("cannot run: " + e.getMessage());
            return CheckResult.INCONCLUSIVE;
        }
        CheckReport.write(result, run);
        finisher.finish(run, config);
        result.summary().lines().forEach(line -> out.println("  " + line));
        out.println(result.verdictLine());
        Path report = run.resolve(REPORT);
        out.println("Report: " + (Files.exists(report) ? report : run.resolve(CheckReport.MARKDOWN)));
        return result.exitCode();
    }

    CheckConfig config() {
        Set<FaultKind> kinds = EnumSet.noneOf(FaultKind.class);
        if (faults.isEmpty()) {
            kinds.addAll(EnumSet.allOf(FaultKind.class));
        }
        for (String fault : faults) {
            kinds.add(FaultKind.parse(fault));
        }
        if (requestTimeoutMillis < 1) {
            throw new IllegalArgumentException("--request-timeout-ms must be positive, was " + requestTimeoutMillis);
        }
        if (electionTimeoutMillis < 0) {
            throw new IllegalArgumentException("--election-timeout-ms must not be negative, was " + electionTimeoutMillis);
        }
        if (nodes != 3 && nodes != 5) {
            throw new IllegalArgumentException("--nodes must be 3 or 5, was " + nodes);
        }
        Topology where = Topology.parse(topology);
        Engine named = Engines.byName(engine); // an unknown name fails here, listing the known engines
        named.capabilities().gap(Capability.REPLICATION).ifPresent(gap -> {
            throw new IllegalArgumentException("--engine " + engine + " does not replicate (" + gap
                    + "): check needs a replicated engine");
        });
        if (where == Topology.PROCESS) {
            named.capabilities().gap(Capability.PROCESS_TOPOLOGY).ifPresent(gap -> {
                throw new IllegalArgumentException("--engine " + engine + " cannot run --topology process: " + gap);
            });
        }
        return new CheckConfig(engine, nodes, clients, Duration.ofSeconds(seconds), rounds,
                seed != null ? seed : ThreadLocalRandom.current().nextLong(), where, keys,
                Duration.ofMillis(requestTimeoutMillis),
                electionTimeoutMillis == 0 ? null : Duration.ofMillis(electionTimeoutMillis), kinds);
    }

    /** A new folder {@code <runs>/<timestamp>-check-<engine>} (with a suffix if that name is taken). */
    static Path createRunFolder(Path runs, String engine) {
        String name = LocalDateTime.now().format(STAMP) + "-check-" + engine.replaceAll("[^A-Za-z0-9._-]", "_");
        try {
            Files.createDirectories(runs);
            for (int attempt = 0; ; attempt++) {
                try {
                    return Files.createDirectory(runs.resolve(attempt == 0 ? name : name + "-" + attempt)).toAbsolutePath();
                } catch (java.nio.file.FileAlreadyExistsException taken) {
                    // two runs of one engine in the same second
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a run folder below " + runs.toAbsolutePath(), e);
        }
    }
}
