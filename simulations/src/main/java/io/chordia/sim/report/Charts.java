package io.chordia.sim.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.jfree.svg.SVGGraphics2D;

/** Line charts written as PNG and SVG side by side (JFreeChart, JFreeSVG), headless. */
public final class Charts {
    private static final int WIDTH = 900;
    private static final int HEIGHT = 500;

    static {
        System.setProperty("java.awt.headless", "true");
    }

    private Charts() {}

    /** One named series of (x, y) points. */
    public record Line(String name, double[] x, double[] y) {}

    /** Writes {@code dir/name.png} and {@code dir/name.svg}. */
    public static void write(Path dir, String name, String title, String xLabel, String yLabel, List<Line> lines,
                             boolean withShapes) throws IOException {
        write(dir, name, title, xLabel, yLabel, lines, withShapes, false);
    }

    /** As above; with {@code logX} the x axis is logarithmic (every x must be positive). */
    public static void write(Path dir, String name, String title, String xLabel, String yLabel, List<Line> lines,
                             boolean withShapes, boolean logX) throws IOException {
        XYSeriesCollection data = new XYSeriesCollection();
        for (Line line : lines) {
            XYSeries s = new XYSeries(line.name(), false, true);
            for (int i = 0; i < line.x().length; i++) {
                s.add(line.x()[i], line.y()[i]);
            }
            data.addSeries(s);
        }
        JFreeChart chart = ChartFactory.createXYLineChart(title, xLabel, yLabel, data, PlotOrientation.VERTICAL,
                lines.size() > 1, false, false);
        XYPlot plot = chart.getXYPlot();
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(Color.LIGHT_GRAY);
        plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, withShapes);
        for (int i = 0; i < lines.size(); i++) {
            renderer.setSeriesStroke(i, new BasicStroke(2f));
        }
        plot.setRenderer(renderer);
        if (logX) {
            plot.setDomainAxis(new org.jfree.chart.axis.LogAxis(xLabel));
        }
        ChartUtils.saveChartAsPNG(dir.resolve(name + ".png").toFile(), chart, WIDTH, HEIGHT);
        SVGGraphics2D svg = new SVGGraphics2D(WIDTH, HEIGHT);
        chart.draw(svg, new java.awt.geom.Rectangle2D.Double(0, 0, WIDTH, HEIGHT));
        Files.writeString(dir.resolve(name + ".svg"), svg.getSVGDocument(), StandardCharsets.UTF_8);
    }
}
