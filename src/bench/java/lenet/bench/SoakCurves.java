package lenet.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.Color;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The resident-memory curves of serve-soak runs in one picture (reliability.md): each run's samples, in MB against
 * minutes. {@code SoakCurves OUT.png TITLE LABEL=report.json...}, where each report is serve-soak's JSON document.
 */
public final class SoakCurves {
    private static final Color[] COLORS = {
        new Color(0xd62728), new Color(0x1f77b4), new Color(0x2ca02c), new Color(0xff7f0e)
    };

    private SoakCurves() {}

    public static void main(String[] args) throws Exception {
        XYChart chart = new XYChartBuilder()
                .width(900)
                .height(480)
                .title(args[1])
                .xAxisTitle("minutes of load")
                .yAxisTitle("resident memory (MB)")
                .build();
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideSE);
        chart.getStyler().setXAxisDecimalPattern("0").setYAxisDecimalPattern("0");
        ObjectMapper json = new ObjectMapper();
        for (int i = 2; i < args.length; i++) {
            String label = args[i].substring(0, args[i].indexOf('='));
            JsonNode report = json.readTree(Files.readString(Path.of(args[i].substring(label.length() + 1))));
            List<Double> minutes = new ArrayList<>();
            List<Double> mb = new ArrayList<>();
            for (JsonNode sample : report.get("samples")) {
                minutes.add(sample.get("s").asDouble() / 60);
                mb.add(sample.get("rss_mb").asDouble());
            }
            XYSeries series = chart.addSeries(label, minutes, mb);
            series.setMarker(SeriesMarkers.NONE);
            series.setLineColor(COLORS[(i - 2) % COLORS.length]);
        }
        BitmapEncoder.saveBitmap(chart, args[0], BitmapEncoder.BitmapFormat.PNG);
    }
}
