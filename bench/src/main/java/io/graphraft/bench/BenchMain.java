package io.graphraft.bench;

import io.graphraft.bench.cli.CommandLines;
import io.graphraft.bench.cli.CheckRunReport;
import io.graphraft.bench.cli.CompareCommand;
import io.graphraft.bench.cli.JmhCommand;
import io.graphraft.bench.cli.LoadCommand;
import io.graphraft.bench.cli.ProfileCommand;
import io.graphraft.bench.cli.ReportCommand;
import io.graphraft.bench.cli.SuiteCommand;
import io.graphraft.cluster.agent.AgentCommand;
import io.graphraft.checker.run.CheckCommand;
import picocli.CommandLine;

import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Entry point of benchmarks.jar:
 * <pre>
 *   java -jar benchmarks.jar                 the default suite (all six questions, every engine)
 *   java -jar benchmarks.jar --quick         every benchmark once, tiny sizes (what CI runs)
 *   java -jar benchmarks.jar load --engine ratis   open-loop rate sweep for one engine
 *   java -jar benchmarks.jar agent --listen HOST:PORT --data DIR   runs cluster members for a harness on another host
 *   java -jar benchmarks.jar check --engine ratis  correctness under faults (io.graphraft.checker.run)
 *   java -jar benchmarks.jar [JMH options]   plain JMH (-l, -p, -f, -i, -wi, -prof, -rf, regex ...)
 * </pre>
 * Every run writes a new folder {@code reports/runs/<timestamp>/} with JMH JSON, .hgrm/.hlog files
 * and env.json. The commands live in {@code io.graphraft.bench.cli}.
 */
public final class BenchMain {
    private static final Set<String> JMH_INFORMATION = Set.of("-l", "-lp", "-lrf", "-lprof", "-h", "-help", "--help-jmh");
    private static final Map<String, Supplier<Object>> COMMANDS = Map.of(
            "suite", SuiteCommand::new,
            "load", LoadCommand::new,
            "report", ReportCommand::new,
            "compare", CompareCommand::new,
            "profile", ProfileCommand::new,
            "agent", AgentCommand::new);

    private BenchMain() {
    }

    public static void main(String[] args) throws Exception {
        System.exit(run(args));
    }

    static int run(String[] args) throws Exception {
        if (args.length == 0 || args[0].startsWith("--") && !args[0].equals("--help-jmh")) {
            return CommandLines.of(new SuiteCommand()).execute(args);
        }
        if (args[0].equals("check")) {
            return CheckCommand.execute(new CheckRunReport(), Arrays.copyOfRange(args, 1, args.length));
        }
        if (COMMANDS.containsKey(args[0])) {
            return CommandLines.of(COMMANDS.get(args[0]).get()).execute(Arrays.copyOfRange(args, 1, args.length));
        }
        if (args[0].equals("help")) {
            return CommandLines.of(new SuiteCommand()).execute("--help");
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
        return JmhCommand.run(args, null);
    }
}
