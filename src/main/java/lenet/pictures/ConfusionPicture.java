package lenet.pictures;

import java.awt.Color;
import java.awt.Font;
import java.awt.image.BufferedImage;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.HeatMapChart;
import org.knowm.xchart.HeatMapChartBuilder;

/** The confusion matrix as a heat map (XChart): true digit down, predicted digit across, the count in each cell. */
public final class ConfusionPicture {
    public static final int WIDTH = 760;
    public static final int HEIGHT = 680;

    private ConfusionPicture() {}

    /**
     * @param confusion {@code confusion[true][predicted]} counts
     * @param axis      what the axes count: {@code digit}, or {@code class (by number)}
     */
    public static BufferedImage draw(int[][] confusion, String axis, String title) {
        int n = confusion.length;
        HeatMapChart chart = new HeatMapChartBuilder()
                .width(WIDTH)
                .height(HEIGHT)
                .title(title)
                .xAxisTitle("predicted " + axis)
                .yAxisTitle("true " + axis)
                .build();
        chart.getStyler()
                .setShowValue(true)
                .setValueFont(new Font(Font.SANS_SERIF, Font.BOLD, 13))
                .setValueFontColor(Color.BLACK)
                .setRangeColors(
                        new Color[] {new Color(0xf7fbff), new Color(0xc6dbef), new Color(0x6baed6), new Color(0x2171b5)
                        })
                .setLegendVisible(false)
                .setChartBackgroundColor(Color.WHITE);
        // XChart's heat data is indexed [x][y] and y counts up: true digit 0 goes to the top row, as in the text
        int[] digits = new int[n];
        int[] rows = new int[n];
        int[][] heat = new int[n][n];
        for (int i = 0; i < n; i++) {
            digits[i] = i;
            rows[i] = n - 1 - i;
        }
        for (int t = 0; t < n; t++) {
            for (int p = 0; p < n; p++) {
                heat[p][n - 1 - t] = confusion[t][p];
            }
        }
        chart.addSeries("confusion", digits, rows, heat);
        return BitmapEncoder.getBufferedImage(chart);
    }
}
