package lenet.pictures;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import lenet.model.EpochMetrics;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** Loss and accuracy per epoch, training and validation, as two XChart line charts side by side. */
public final class TrainingCurves {
    public static final int CHART_W = 640;
    public static final int CHART_H = 440;
    public static final Color TRAIN = new Color(0x1f77b4);
    public static final Color VALIDATION = new Color(0xff7f0e);

    private TrainingCurves() {}

    /**
     * @param sampleImages the training images whose accuracy is measured after each epoch: the first
     *                     {@value EpochMetrics#TRAIN_ACCURACY_SAMPLE}, or all of them when there are fewer
     */
    public static BufferedImage draw(List<EpochMetrics> epochs, int totalEpochs, int sampleImages) {
        List<XYChart> charts = charts(epochs, totalEpochs, sampleImages);
        BufferedImage image = new BufferedImage(2 * CHART_W, CHART_H, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.drawImage(BitmapEncoder.getBufferedImage(charts.get(0)), 0, 0, null);
        g.drawImage(BitmapEncoder.getBufferedImage(charts.get(1)), CHART_W, 0, null);
        g.dispose();
        return image;
    }

    /** The loss chart and the accuracy chart. */
    static List<XYChart> charts(List<EpochMetrics> epochs, int totalEpochs, int sampleImages) {
        XYChart loss = chart("Loss per epoch", "loss (mean negative log-likelihood)", totalEpochs);
        loss.getStyler().setLegendPosition(Styler.LegendPosition.InsideNE);
        loss.getStyler().setYAxisDecimalPattern("0.00");
        add(loss, "training loss (mean over the epoch)", epochs, EpochMetrics::trainLoss, TRAIN);
        add(loss, "validation loss (after the epoch)", epochs, EpochMetrics::valLoss, VALIDATION);
        XYChart accuracy = chart("Accuracy per epoch", "accuracy (%)", totalEpochs);
        accuracy.getStyler().setLegendPosition(Styler.LegendPosition.InsideSE);
        add(
                accuracy,
                String.format(Locale.ROOT, "training accuracy (%,d images, after the epoch)", sampleImages),
                epochs,
                e -> percent(e.trainAccuracy()),
                TRAIN);
        add(accuracy, "validation accuracy (after the epoch)", epochs, e -> percent(e.valAccuracy()), VALIDATION);
        accuracy.getStyler().setYAxisDecimalPattern("0.0");
        return List.of(loss, accuracy);
    }

    private static XYChart chart(String title, String yTitle, int totalEpochs) {
        XYChart chart = new XYChartBuilder()
                .width(CHART_W)
                .height(CHART_H)
                .title(title)
                .xAxisTitle("epoch")
                .yAxisTitle(yTitle)
                .build();
        Styler styler = chart.getStyler();
        styler.setChartBackgroundColor(Color.WHITE);
        chart.getStyler()
                .setXAxisMin(1.0)
                .setXAxisMax((double) Math.max(2, totalEpochs))
                .setXAxisDecimalPattern("0")
                .setXAxisTickMarkSpacingHint(40);
        return chart;
    }

    /** A series of the epochs that have the value (validation values are missing without a validation set). */
    private static void add(
            XYChart chart, String name, List<EpochMetrics> epochs, Function<EpochMetrics, Double> value, Color color) {
        List<Integer> x = new ArrayList<>();
        List<Double> y = new ArrayList<>();
        for (EpochMetrics e : epochs) {
            Double v = value.apply(e);
            if (v != null && Double.isFinite(v)) {
                x.add(e.epoch());
                y.add(v);
            }
        }
        if (x.isEmpty()) {
            return;
        }
        XYSeries series = chart.addSeries(name, x, y);
        series.setLineColor(color);
        series.setMarkerColor(color);
        series.setMarker(SeriesMarkers.CIRCLE);
        series.setLineStyle(new BasicStroke(2f));
    }

    private static Double percent(Double fraction) {
        return fraction == null ? null : fraction * 100;
    }
}
