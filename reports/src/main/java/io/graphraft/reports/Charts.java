package io.graphraft.reports;

import org.jfree.chart.ChartFactory;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.NumberTickUnit;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.category.DefaultCategoryDataset;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.text.DecimalFormat;
import java.text.FieldPosition;
import java.text.NumberFormat;
import java.text.ParsePosition;
import java.util.List;
import java.util.Map;

/** The lab's chart shapes, rendered headless to PNG with JFreeChart. */
public final class Charts {
    public static final int WIDTH = 960;
    static final int HEIGHT = 540;

    static {
        System.setProperty("java.awt.headless", "true");
    }

    private Charts() {
    }

    /** Series of (x, y) points. */
    public record Series(String name, List<double[]> points) {
    }

    /** One series per name, without points that are NaN or not positive (log axes). */
    public static List<Series> series(Map<String, List<double[]>> points) {
        List<Series> series = new java.util.ArrayList<>();
        points.forEach((name, list) -> series.add(new Series(name, list.stream()
                .filter(p -> !Double.isNaN(p[0]) && !Double.isNaN(p[1]) && p[1] > 0).toList())));
        return series;
    }

    /**
     * Percentile distribution, HdrHistogram style: x is 1/(1−p) on a log axis (2 = p50, 100 = p99,
     * 1000 = p99.9), y the latency in microseconds on a log axis; optional horizontal reference lines.
     */
    public static JFreeChart percentiles(String title, List<Series> series, Map<String, Double> references) {
        XYSeriesCollection data = collection(series);
        JFreeChart chart = ChartFactory.createXYLineChart(title, "percentile", "latency (µs)", data,
                PlotOrientation.VERTICAL, true, false, false);
        XYPlot plot = chart.getXYPlot();
        LogAxis x = new LogAxis("percentile (log scale of 1/(1−p))");
        x.setBase(10);
        x.setSmallestValue(1);
        x.setTickUnit(new NumberTickUnit(1));
        x.setNumberFormatOverride(new PercentileFormat());
        plot.setDomainAxis(x);
        plot.setRangeAxis(logAxis("latency (µs)"));
        references.forEach((label, value) -> plot.addRangeMarker(marker(label, value)));
        style(plot, false);
        return chart;
    }

    /** Lines through points, optionally on log axes. */
    public static JFreeChart lines(String title, String xLabel, String yLabel, List<Series> series, boolean logX,
                                   boolean logY, Map<String, Double> references) {
        JFreeChart chart = ChartFactory.createXYLineChart(title, xLabel, yLabel, collection(series),
                PlotOrientation.VERTICAL, true, false, false);
        XYPlot plot = chart.getXYPlot();
        if (logX) {
            plot.setDomainAxis(logAxis(xLabel));
        }
        if (logY) {
            plot.setRangeAxis(logAxis(yLabel));
        } else {
            ((NumberAxis) plot.getRangeAxis()).setAutoRangeIncludesZero(true);
        }
        references.forEach((label, value) -> plot.addRangeMarker(marker(label, value)));
        style(plot, true);
        return chart;
    }

    /** Grouped bars (rows = series, columns = categories), with optional horizontal reference lines. */
    public static JFreeChart bars(String title, String categoryLabel, String valueLabel, DefaultCategoryDataset data,
                                  Map<String, Double> references) {
        JFreeChart chart = ChartFactory.createBarChart(title, categoryLabel, valueLabel, data,
                PlotOrientation.VERTICAL, true, false, false);
        CategoryPlot plot = chart.getCategoryPlot();
        references.forEach((label, value) -> plot.addRangeMarker(marker(label, value)));
        plot.setBackgroundPaint(Color.WHITE);
        plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
        return chart;
    }

    public static void save(JFreeChart chart, Path file) {
        try {
            ChartUtils.saveChartAsPNG(file.toFile(), chart, WIDTH, HEIGHT);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write chart " + file, e);
        }
    }

    private static XYSeriesCollection collection(List<Series> series) {
        XYSeriesCollection data = new XYSeriesCollection();
        for (Series s : series) {
            XYSeries xy = new XYSeries(s.name(), true, true);
            s.points().forEach(p -> xy.add(p[0], p[1]));
            data.addSeries(xy);
        }
        return data;
    }

    private static LogAxis logAxis(String label) {
        LogAxis axis = new LogAxis(label);
        axis.setBase(10);
        axis.setSmallestValue(0.1);
        axis.setTickUnit(new NumberTickUnit(1));
        axis.setMinorTickCount(9);
        axis.setNumberFormatOverride(new DecimalFormat("#,##0.###"));
        return axis;
    }

    /** Labels x = 1/(1−p) as the percentile it stands for: 10 → "90%", 1000 → "99.9%". */
    private static final class PercentileFormat extends NumberFormat {
        @Override
        public StringBuffer format(double value, StringBuffer out, FieldPosition position) {
            double percentile = 100 * (1 - 1 / value);
            return out.append(new DecimalFormat("0.#####").format(percentile)).append('%');
        }

        @Override
        public StringBuffer format(long value, StringBuffer out, FieldPosition position) {
            return format((double) value, out, position);
        }

        @Override
        public Number parse(String source, ParsePosition position) {
            throw new UnsupportedOperationException("labels only");
        }
    }

    private static ValueMarker marker(String label, double value) {
        ValueMarker marker = new ValueMarker(value, Color.DARK_GRAY, new BasicStroke(1.5f, BasicStroke.CAP_BUTT,
                BasicStroke.JOIN_MITER, 1f, new float[] {6f, 4f}, 0f));
        marker.setLabel(label);
        marker.setLabelAnchor(RectangleAnchor.TOP_LEFT);
        marker.setLabelTextAnchor(TextAnchor.BOTTOM_LEFT);
        return marker;
    }

    private static void style(XYPlot plot, boolean shapes) {
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(Color.LIGHT_GRAY);
        plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, shapes);
        for (int i = 0; i < plot.getDataset().getSeriesCount(); i++) {
            renderer.setSeriesStroke(i, new BasicStroke(2f));
        }
        plot.setRenderer(renderer);
    }
}
