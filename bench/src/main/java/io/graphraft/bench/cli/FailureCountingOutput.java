package io.graphraft.bench.cli;

import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.results.BenchmarkResult;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.format.OutputFormat;

import java.io.IOException;
import java.util.Collection;

/**
 * JMH's console output, counting the benchmarks that started and those that ended with a result. JMH
 * (without {@code -foe true}) reports a benchmark that fails, in setup or later, and goes on with the
 * next; it never calls {@link #endBenchmark} for the failed one, so the difference is what failed.
 */
final class FailureCountingOutput implements OutputFormat {
    private final OutputFormat out;
    private int started;
    private int finished;

    FailureCountingOutput(OutputFormat out) {
        this.out = out;
    }

    int started() {
        return started;
    }

    int failed() {
        return started - finished;
    }

    @Override
    public void startBenchmark(BenchmarkParams benchmarkParams) {
        started++;
        out.startBenchmark(benchmarkParams);
    }

    @Override
    public void endBenchmark(BenchmarkResult result) {
        if (result != null) {
            finished++;
        }
        out.endBenchmark(result);
    }

    @Override
    public void iteration(BenchmarkParams benchmarkParams, IterationParams params, int iteration) {
        out.iteration(benchmarkParams, params, iteration);
    }

    @Override
    public void iterationResult(BenchmarkParams benchmarkParams, IterationParams params, int iteration, IterationResult data) {
        out.iterationResult(benchmarkParams, params, iteration, data);
    }

    @Override
    public void startRun() {
        out.startRun();
    }

    @Override
    public void endRun(Collection<RunResult> result) {
        out.endRun(result);
    }

    @Override
    public void print(String s) {
        out.print(s);
    }

    @Override
    public void println(String s) {
        out.println(s);
    }

    @Override
    public void flush() {
        out.flush();
    }

    @Override
    public void close() {
        out.close();
    }

    @Override
    public void verbosePrintln(String s) {
        out.verbosePrintln(s);
    }

    @Override
    public void write(int b) {
        out.write(b);
    }

    @Override
    public void write(byte[] b) throws IOException {
        out.write(b);
    }
}
