package io.graphraft.bench;

import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.CommandLineOptionException;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.results.format.ResultFormatType;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;

/**
 * Entry point of benchmarks.jar:
 * <pre>
 *   java -jar benchmarks.jar                 the default suite (all six questions, every engine)
 *   java -jar benchmarks.jar --quick         every benchmark once, tiny sizes (what CI runs)
 *   java -jar benchmarks.jar load --engine ratis   open-loop rate sweep for one engine
 *   java -jar benchmarks.jar [JMH options]   plain JMH (-l, -p, -f, -i, -wi, -prof, -rf, regex ...)
 * </pre>
 * Every run writes a new folder {@code reports/runs/<timestamp>/} with JMH JSON, .hgrm/.hlog files
 * and env.json.
 */
public final class BenchMain {
    private static final Set<String> JMH_INFORMATION = Set.of("-l", "-lp", "-lrf", "-lprof", "-h", "-help", "--help-jmh");

    private BenchMain() {
    }

    public static void main(String[] args) throws Exception {
        System.exit(run(args));
    }

    static int run(String[] args) throws Exception {
        if (args.length == 0 || args[0].startsWith("--") && !args[0].equals("--help-jmh")) {
            return new CommandLine(new SuiteCommand()).execute(args);
        }
        if (args[0].equals("suite")) {
            return new CommandLine(new SuiteCommand()).execute(java.util.Arrays.copyOfRange(args, 1, args.length));
        }
        if (args[0].equals("load")) {
            return new CommandLine(new LoadCommand()).execute(java.util.Arrays.copyOfRange(args, 1, args.length));
        }
        if (args[0].equals("report")) {
            return new CommandLine(new ReportCommand()).execute(java.util.Arrays.copyOfRange(args, 1, args.length));
        }
        if (args[0].equals("compare")) {
            return new CommandLine(new CompareCommand()).execute(java.util.Arrays.copyOfRange(args, 1, args.length));
        }
        if (args[0].equals("profile")) {
            return new CommandLine(new ProfileCommand()).execute(java.util.Arrays.copyOfRange(args, 1, args.length));
        }
        if (args[0].equals("help")) {
            return new CommandLine(new SuiteCommand()).execute("--help");
        }
        for (String arg : args) {
            if (JMH_INFORMATION.contains(arg)) {
                String[] jmhArgs = args.clone();
                for (int i = 0; i < jmhArgs.length; i++) {
                    if (jmhArgs[i].equals("--help-jmh")) {
                        jmhArgs[i] = "-h";
                    }
                }
                org.openjdk.jmh.Main.main(jmhArgs);
                return 0;
            }
        }
        return runJmh(args, null);
    }

    /** Plain JMH, plus a run folder (JSON results unless -rf/-rff say otherwise), env.json and CPU per iteration. */
    static int runJmh(String[] args, Path runFolder) {
        CommandLineOptions options;
        try {
            options = new CommandLineOptions(args);
        } catch (CommandLineOptionException e) {
            System.err.println("Error parsing JMH options: " + e.getMessage() + " (see --help-jmh)");
            return 1;
        }
        Path run = runFolder != null ? runFolder : RunDirectory.create(RunDirectory.DEFAULT_RUNS);
        System.setProperty(RunDirectory.PROPERTY, run.toString());
        Map<String, Object> parameters = new LinkedHashMap<>();
        parameters.put("jmhArgs", List.of(args));
        Map<String, Object> env = EnvironmentReport.collect(parameters);
        EnvironmentReport.write(run, env);

        List<String> jvmArgs = new ArrayList<>(List.of(Jvm.forkFlags(run)));
        jvmArgs.addAll(options.getJvmArgsPrepend().orElse(List.of()));
        ChainedOptionsBuilder builder = new OptionsBuilder().parent(options).jvmArgsPrepend(jvmArgs.toArray(String[]::new))
                .addProfiler(ProcessCpuProfiler.class);
        if (!options.getResult().hasValue()) {
            builder.result(run.resolve("jmh-result." + options.getResultFormat().orElse(ResultFormatType.JSON)
                    .toString().toLowerCase(java.util.Locale.ROOT)).toString());
        }
        if (!options.getResultFormat().hasValue()) {
            builder.resultFormat(ResultFormatType.JSON);
        }
        try {
            new Runner(builder.build()).run();
        } catch (RunnerException e) {
            System.err.println("Benchmark run failed: " + e.getMessage());
            return 1;
        }
        System.out.println("Results: " + run);
        return 0;
    }

    @Command(name = "benchmarks.jar", mixinStandardHelpOptions = true, usageHelpWidth = 110,
            description = {"GraphRaft Lab: what replicating a graph store through Raft costs, measured.",
                    "",
                    "Without arguments: the default suite (write latency, batching, fsync cost vs the physical",
                    "floor, snapshot recovery, election/failover, open-loop latency) for every engine.",
                    "",
                    "Other forms:",
                    "  benchmarks.jar load --engine NAME ...   open-loop rate sweep (see load --help)",
                    "  benchmarks.jar report RUN               report.md + charts for a run folder",
                    "  benchmarks.jar compare RUN_A RUN_B      percentiles side by side (or RUN --engines a,b)",
                    "  benchmarks.jar profile [--mode cpu|wall] BENCHMARK [JMH options]   flame graphs",
                    "  benchmarks.jar [JMH options] [regex]    plain JMH: -l, -p k=v, -f, -i, -wi, -prof, -rf ...",
                    "  benchmarks.jar --help-jmh               JMH's own option list",
                    "",
                    "Every run writes reports/runs/<timestamp>/: jmh-result.json, .hgrm/.hlog, env.json."})
    static final class SuiteCommand implements Callable<Integer> {
        @Option(names = "--quick", description = "run every benchmark once with tiny sizes (about 3 minutes)")
        boolean quick;

        @Option(names = "--engines", split = ",", description = "only these engines (default: all available)")
        List<String> engines = new ArrayList<>();

        @Option(names = "--runs-dir", defaultValue = "reports/runs", description = "where run folders are created (default ${DEFAULT-VALUE})")
        Path runsDirectory;

        @Override
        public Integer call() {
            String profile = quick ? "quick" : "default";
            Path run = RunDirectory.create(runsDirectory);
            System.out.println("GraphRaft Lab, " + profile + " suite; results go to " + run);
            boolean ok = new SuiteRunner(run, engines, System.out).run(profile, Suites.named(profile));
            return ok ? 0 : 2;
        }
    }
}
