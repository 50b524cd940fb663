package io.graphraft.bench.cli;

import io.graphraft.bench.run.RunDirectory;
import io.graphraft.bench.suite.SuiteRunner;
import io.graphraft.bench.suite.Suites;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/** The curated suites: {@code default} (what benchmarks.jar runs without arguments) or {@code --quick}. */
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
public final class SuiteCommand implements Callable<Integer> {
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
