package lenet.imaging;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.Random;
import lenet.cli.CliRun;
import lenet.testing.MnistImages;
import lenet.testing.TestModel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Predict reads people's images as well as MNIST: test digits re-rendered black on white as PNG and JPEG, at several
 * sizes and anywhere on a larger page, go through the full predict command.
 */
class RenderedMnistAccuracyTest {
    static final int COUNT = 1_000;
    static final int[] SIZES = {28, 60, 150, 400};

    @Test
    void predictReadsRerenderedMnistDigitsAtLeast97Percent(@TempDir Path dir) throws Exception {
        Random random = new Random(11);
        int[] labels = new int[COUNT];
        for (int i = 0; i < COUNT; i++) {
            int index = i * 10; // spread over the whole test set
            labels[i] = MnistImages.label(index);
            int size = SIZES[i % SIZES.length];
            int canvasW = size + 20 + random.nextInt(size * 2);
            int canvasH = size + 20 + random.nextInt(size * 2);
            int x = 10 + random.nextInt(canvasW - size - 19);
            int y = 10 + random.nextInt(canvasH - size - 19);
            String format = i % 2 == 0 ? "png" : "jpg";
            MnistImages.write(MnistImages.blackOnWhite(index, size, canvasW, canvasH, x, y), format,
                    dir.resolve(String.format("%04d.%s", i, format)));
        }

        CliRun run = CliRun.of("predict", "--json", "--model", TestModel.path().toString(), dir.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.outLines()).hasSize(COUNT);
        ObjectMapper mapper = new ObjectMapper();
        int correct = 0;
        for (int i = 0; i < COUNT; i++) {
            JsonNode line = mapper.readTree(run.outLines().get(i));
            assertThat(line.get("file").asText()).endsWith(String.format("%04d.%s", i, i % 2 == 0 ? "png" : "jpg"));
            if (line.get("digit").asInt() == labels[i]) {
                correct++;
            }
        }
        double accuracy = correct / (double) COUNT;
        System.out.printf("re-rendered MNIST accuracy %.4f (model's MNIST test accuracy %.4f)%n", accuracy,
                TestModel.testAccuracy());
        assertThat(accuracy).isGreaterThanOrEqualTo(0.97);
    }
}
