package io.graphraft.bench.suite;

import io.graphraft.bench.run.RunDirectory;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The entry point of a {@link WarmJvm}: {@code WarmJvmMain PLAN RESULTS OUTCOMES}. Runs the plan's
 * warm-up, then its trials, writing JMH's results and every trial's outcome after each trial.
 */
public final class WarmJvmMain {
    private WarmJvmMain() {
    }

    public static void main(String[] args) throws IOException {
        exitWhenTheSuiteIsGone();
        WarmJvm.Plan plan = WarmJvm.json().readValue(Path.of(args[0]).toFile(), WarmJvm.Plan.class);
        Path results = Path.of(args[1]);
        Path outcomes = Path.of(args[2]);
        SuiteRunner runner = new SuiteRunner(Path.of(System.getProperty(RunDirectory.PROPERTY)), List.of(), System.out);
        PrintStream out = System.out;
        out.println();
        out.println(">>> JIT warm-up (not kept): " + plan.warmUp().benchmark() + " " + plan.warmUp().combination());
        try {
            new Runner(runner.options(plan.warmUp().step(), plan.warmUp().combination())).run();
        } catch (RunnerException e) {
            out.println("the JIT warm-up failed (the trials still run, colder): " + e.getMessage());
        }
        List<RunResult> kept = new ArrayList<>();
        List<WarmJvm.Outcome> done = new ArrayList<>();
        for (WarmJvm.Trial trial : plan.trials()) {
            out.println();
            out.println(">>> " + trial.benchmark() + " " + trial.combination() + " (in the engine's warm JVM)");
            long started = System.nanoTime();
            String error = null;
            try {
                kept.addAll(new Runner(runner.options(trial.step(), trial.combination())).run());
            } catch (RunnerException | RuntimeException e) {
                error = String.valueOf(e.getMessage());
                out.println("FAILED " + trial.benchmark() + " " + trial.combination() + ": " + error);
            }
            done.add(new WarmJvm.Outcome(trial.benchmark(), trial.combination(),
                    Math.round((System.nanoTime() - started) / 1e8) / 10.0, error));
            SuiteRunner.writeResults(results, SuiteRunner.toJson(kept));
            WarmJvm.json().writeValue(outcomes.toFile(), done);
        }
        System.exit(0); // engines may leave non-daemon threads behind; the trials are done
    }

    private static void exitWhenTheSuiteIsGone() {
        Thread watcher = new Thread(() -> {
            try {
                while (System.in.read() != -1) {
                    // nothing is sent; end of input means the suite that started this JVM is gone
                }
            } catch (IOException e) {
                // the pipe broke: the same
            }
            Runtime.getRuntime().halt(3);
        }, "exit-with-suite");
        watcher.setDaemon(true);
        watcher.start();
    }
}
