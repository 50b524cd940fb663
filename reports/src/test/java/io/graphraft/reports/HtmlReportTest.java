package io.graphraft.reports;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.graphraft.reports.report.ReportWriter;
import io.graphraft.reports.runfiles.RunFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class HtmlReportTest {
    /** A reference the browser would fetch: src/href/url()/@import naming a scheme or a host. */
    static final Pattern EXTERNAL = Pattern.compile(
            "(?:\\b(?:src|href)\\s*=\\s*[\"']?|url\\(\\s*[\"']?|@import\\s+[\"']?)\\s*(?:[a-zA-Z][a-zA-Z0-9+.-]*:(?!image/png;base64)|//)");

    @TempDir
    Path temp;

    @Test
    void theHtmlPageHoldsTheTablesTheChartDataAndTheChartLibrary() throws IOException {
        Path run = FixtureRuns.copy("run-a", temp);
        RunFolder folder = RunFolder.load(run);
        String md = Files.readString(ReportWriter.write(folder));
        String html = Files.readString(run.resolve(RunFiles.REPORT_HTML));

        assertThat(html).contains("<table>", "<th>trial</th>", "<td>baseline-durable 1n fsync</td>", "<h2>Headline</h2>");
        long mdTables = md.lines().filter(l -> l.startsWith("|---")).count();
        assertThat(count(html, "<table>")).as("every table of report.md").isEqualTo(mdTables);
        assertThat(html).as("PNG charts inlined").contains("src=\"data:image/png;base64,").doesNotContain("src=\"charts/");
        assertThat(html).as("uPlot inlined from its WebJar").contains("uPlot").contains(".uplot");
        assertThat(html).contains("href=\"jmh-result.json\"", "href=\"env.json\"", "href=\"" + ReportWriterTest.DURABLE_FSYNC + ".hlog\"");

        JsonNode data = new ObjectMapper().readTree(between(html, "<script type=\"application/json\" id=\"graphraft-data\">",
                "</script>").replace("<\\/", "</"));
        JsonNode writeLatency = null;
        for (JsonNode chart : data.path("charts")) {
            if (chart.path("benchmark").asText().equals("WriteLatencyBenchmark.createNode")) {
                writeLatency = chart;
            }
        }
        assertThat(writeLatency).as("a chart per latency benchmark").isNotNull();
        int p50 = indexOf(writeLatency.path("percentiles"), 50);
        LatencyDistribution fsync = folder.latencies("WriteLatencyBenchmark.createNode").stream()
                .filter(l -> l.trial().fileName().equals(ReportWriterTest.DURABLE_FSYNC)).findFirst().orElseThrow();
        JsonNode series = null;
        for (JsonNode s : writeLatency.path("series")) {
            if (s.path("file").asText().equals(ReportWriterTest.DURABLE_FSYNC)) {
                series = s;
            }
        }
        assertThat(series).isNotNull();
        assertThat(series.path("label").asText()).isEqualTo("baseline-durable 1n fsync");
        assertThat(series.path("micros").get(p50).asDouble()).isCloseTo(fsync.percentileMicros(50), within(1e-6));
        assertThat(writeLatency.path("x").get(p50).asDouble()).isCloseTo(2.0, within(1e-9));
    }

    @Test
    void thePageNamesNoExternalUrl() throws IOException {
        Path run = FixtureRuns.copy("run-a", temp);
        ReportWriter.write(RunFolder.load(run));
        String html = Files.readString(run.resolve(RunFiles.REPORT_HTML));
        assertThat(externalReferences(html)).isEmpty();
        // the check can fail: a page that loads its library from a CDN, or links out
        assertThat(externalReferences("<script src=\"https://cdn.example/uPlot.js\"></script>")).hasSize(1);
        assertThat(externalReferences("<a href='http://example.org'>x</a><style>@import \"//x/y.css\"</style>")).hasSize(2);
        assertThat(externalReferences("<img src=\"data:image/png;base64,AAAA\"><a href=\"env.json\">")).isEmpty();
    }

    /** The flame-graph section lists the profile command's HTML, never the report page itself. */
    @Test
    void theReportPageIsNotListedAsAFlameGraph() throws IOException {
        Path run = FixtureRuns.copy("run-a", temp);
        ReportWriter.write(RunFolder.load(run));
        String md = Files.readString(ReportWriter.write(RunFolder.load(run)));
        assertThat(md).doesNotContain("(" + RunFiles.REPORT_HTML + ")");
    }

    static List<String> externalReferences(String html) {
        List<String> found = new ArrayList<>();
        Matcher m = EXTERNAL.matcher(html);
        while (m.find()) {
            found.add(html.substring(m.start(), Math.min(html.length(), m.end() + 40)));
        }
        return found;
    }

    private static int indexOf(JsonNode array, double value) {
        for (int i = 0; i < array.size(); i++) {
            if (array.get(i).asDouble() == value) {
                return i;
            }
        }
        throw new AssertionError(value + " not in " + array);
    }

    private static long count(String text, String part) {
        return Pattern.compile(Pattern.quote(part)).matcher(text).results().count();
    }

    private static String between(String text, String start, String end) {
        int from = text.indexOf(start) + start.length();
        return text.substring(from, text.indexOf(end, from));
    }
}
