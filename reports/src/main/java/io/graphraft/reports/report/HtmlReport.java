package io.graphraft.reports.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.graphraft.reports.LatencyDistribution;
import io.graphraft.reports.RunFolder;
import io.graphraft.reports.TrialLabels;
import io.graphraft.reports.runfiles.RunFiles;
import org.commonmark.Extension;
import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.node.Image;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;

/**
 * {@code report.html} beside report.md: one self-contained page (opens offline, no URL outside the run
 * folder) — report.md rendered by commonmark with its tables, its PNG charts inlined as data URIs, then
 * every latency benchmark's percentile distributions as interactive uPlot charts (hover for values,
 * click a legend entry to hide or show a trial, log or linear latency axis), and links to the flame
 * graphs and raw files of the run. uPlot comes from its WebJar on the classpath and is inlined.
 */
public final class HtmlReport {
    /** Percentiles the interactive charts plot: x = 1 / (1 − p), on a log axis. */
    static final double[] CHART_PERCENTILES = {0, 10, 20, 30, 40, 50, 60, 70, 80, 90, 95, 97.5, 99, 99.5, 99.9, 99.95, 99.99,
            99.999};
    private static final String UPLOT = "META-INF/resources/webjars/uplot/";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<Extension> EXTENSIONS = List.of(TablesExtension.create());

    private HtmlReport() {
    }

    /** Writes report.html for the run from its report's markdown; returns its path. */
    public static Path write(RunFolder run, String markdown) {
        Path directory = run.directory();
        HtmlRenderer renderer = HtmlRenderer.builder().extensions(EXTENSIONS)
                .attributeProviderFactory(context -> (node, tag, attributes) -> {
                    if (node instanceof Image && attributes.containsKey("src")) {
                        attributes.put("src", dataUri(directory, attributes.get("src")));
                    }
                })
                .build();
        String body = renderer.render(Parser.builder().extensions(EXTENSIONS).build().parse(markdown));
        StringBuilder html = new StringBuilder();
        html.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n<title>GraphRaft Lab report ")
                .append(escape(directory.getFileName().toString())).append("</title>\n<style>\n")
                .append(resource(uplot("dist/uPlot.min.css")))
                .append("\nbody{font-family:sans-serif;max-width:1200px;margin:1em auto;padding:0 1em}"
                        + "table{border-collapse:collapse;margin:1em 0}td,th{border:1px solid #ccc;padding:2px 6px;"
                        + "font-size:13px}th{background:#eee}img{max-width:100%}.chart{margin:1em 0 2em}\n</style>\n")
                .append("</head><body>\n<p><a href=\"#interactive\">Interactive percentile charts</a> · "
                        + "<a href=\"#files\">Flame graphs and raw files</a></p>\n").append(body)
                .append("<h2 id=\"interactive\">Interactive percentile charts</h2>\n")
                .append("<p>Hover for values; click a trial in a legend to hide or show it. x: percentile (log of 1/(1−p));"
                        + " y: latency in µs. <label><input type=\"checkbox\" id=\"log-y\" checked> log latency axis</label></p>\n")
                .append("<div id=\"charts\"></div>\n")
                .append(rawFiles(directory))
                .append("<script type=\"application/json\" id=\"graphraft-data\">")
                .append(chartData(run).replace("</", "<\\/")).append("</script>\n<script>\n")
                .append(resource(uplot("dist/uPlot.iife.min.js")))
                .append("\n</script>\n<script>\n").append(resource("io/graphraft/reports/report/percentile-charts.js"))
                .append("\n</script>\n</body></html>\n");
        Path file = directory.resolve(RunFiles.REPORT_HTML);
        try {
            Files.writeString(file, html.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
        return file;
    }

    /**
     * The charts' data as JSON: per latency benchmark, the x values (1/(1−p)), the percentiles, and per
     * trial its label and latency at each percentile in µs.
     */
    static String chartData(RunFolder run) {
        Map<String, List<LatencyDistribution>> byBenchmark = new LinkedHashMap<>();
        for (LatencyDistribution latency : TrialLabels.sorted(run.latencies())) {
            if (latency.count() > 0) {
                byBenchmark.computeIfAbsent(latency.trial().benchmark(), b -> new ArrayList<>()).add(latency);
            }
        }
        List<Map<String, Object>> charts = new ArrayList<>();
        List<Double> xs = new ArrayList<>();
        List<Double> percentiles = new ArrayList<>();
        for (double p : CHART_PERCENTILES) {
            xs.add(1 / (1 - p / 100));
            percentiles.add(p);
        }
        byBenchmark.forEach((benchmark, trials) -> {
            List<Map<String, Object>> series = new ArrayList<>();
            for (LatencyDistribution trial : trials) {
                List<Double> values = new ArrayList<>();
                for (double p : CHART_PERCENTILES) {
                    values.add(trial.percentileMicros(p));
                }
                Map<String, Object> one = new LinkedHashMap<>();
                String label = TrialLabels.label(trial.trial()).trim();
                one.put("label", label.isEmpty() ? benchmark : label);
                one.put("file", trial.trial().fileName());
                one.put("micros", values);
                series.add(one);
            }
            Map<String, Object> chart = new LinkedHashMap<>();
            chart.put("benchmark", benchmark);
            chart.put("x", xs);
            chart.put("percentiles", percentiles);
            chart.put("series", series);
            charts.add(chart);
        });
        try {
            return JSON.writeValueAsString(Map.of("charts", charts));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Links to every file of the run (relative, so they work where the folder is opened). */
    private static String rawFiles(Path directory) {
        List<String> files;
        try (Stream<Path> all = Files.walk(directory)) {
            files = all.filter(Files::isRegularFile).map(f -> directory.relativize(f).toString().replace('\\', '/'))
                    .filter(f -> !f.equals(RunFiles.REPORT_HTML)).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + directory, e);
        }
        StringBuilder out = new StringBuilder("<h2 id=\"files\">Flame graphs and raw files</h2>\n<details open><summary>")
                .append(files.size()).append(" files in this run folder</summary><ul>\n");
        for (String f : files) {
            out.append("<li><a href=\"").append(escape(f)).append("\">").append(escape(f)).append("</a></li>\n");
        }
        return out.append("</ul></details>\n").toString();
    }

    private static String dataUri(Path directory, String src) {
        Path image = directory.resolve(src).normalize();
        if (!image.startsWith(directory) || !Files.isRegularFile(image)) {
            return src;
        }
        try {
            return "data:image/png;base64," + Base64.getEncoder().encodeToString(Files.readAllBytes(image));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + image, e);
        }
    }

    /** A file of the uPlot WebJar, at the version the WebJar's Maven metadata names. */
    private static String uplot(String file) {
        Properties pom = new Properties();
        try (InputStream in = resourceStream("META-INF/maven/org.webjars.npm/uplot/pom.properties")) {
            pom.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return UPLOT + pom.getProperty("version") + "/" + file;
    }

    private static String resource(String name) {
        try (InputStream in = resourceStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + name, e);
        }
    }

    private static InputStream resourceStream(String name) {
        InputStream in = HtmlReport.class.getClassLoader().getResourceAsStream(name);
        if (in == null) {
            throw new IllegalStateException(name + " is not on the classpath (the uPlot WebJar is a dependency of reports)");
        }
        return in;
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
