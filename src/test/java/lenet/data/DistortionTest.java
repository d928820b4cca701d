package lenet.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import lenet.testing.MnistImages;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

class DistortionTest {
    private static final double[] NO_DISPLACEMENT = new double[784];

    private static float[] randomImage(long seed) {
        Random random = new Random(seed);
        float[] image = new float[784];
        for (int i = 0; i < image.length; i++) {
            image[i] = random.nextFloat();
        }
        return image;
    }

    /**
     * The faster code (the elastic grid interpolated row by row, pixels outside the ink's box not sampled) against its
     * first, direct version ({@link DirectDistortion}): the same bits, on 300 MNIST digits and an image whose
     * background holds negative values and −0, with the default amounts, far larger ones (the digit moved partly and
     * wholly out of the image, a quarter and a half turn) and strokes thickened and thinned.
     */
    @Test
    void distortsToTheSameBitsAsTheDirectVersion() {
        float[] digits = BatchValues.read(DatasetFiles.read(Dataset.MNIST, MnistImages.SHIPPED_DATA, false)
                .all()
                .getFeatures());
        int n = 301;
        float[] images = java.util.Arrays.copyOf(digits, n * 784);
        for (int p = 0; p < 784; p++) {
            images[300 * 784 + p] = p % 3 == 0 ? -0f : p % 3 == 1 ? -0.25f : images[p];
        }
        Distortion.Spec[] specs = {
            new Distortion.Spec(2, 10, 0.1, 0.2, 1.0, 0),
            new Distortion.Spec(2, 10, 0.1, 0.2, 0, 0.5),
            new Distortion.Spec(30, 180, 0.6, 1.5, 5, 1),
            new Distortion.Spec(3, 90, 0.3, 0, 2, 0),
        };
        Random random = new Random(3);
        double[] r = new double[Distortion.DRAWS];
        Distortion.Work work = new Distortion.Work();
        for (Distortion.Spec spec : specs) {
            float[] fast = new float[images.length], direct = new float[images.length];
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < r.length; j++) {
                    r[j] = i % 10 == 0 ? random.nextInt(3) - 1 : 2 * random.nextDouble() - 1;
                }
                Distortion.apply(spec, r, images, fast, i * 784, work);
                DirectDistortion.apply(spec, r, images, direct, i * 784);
            }
            for (int p = 0; p < images.length; p++) {
                assertThat(Float.floatToRawIntBits(fast[p]))
                        .as("%s, image %d, pixel %d: %s against %s", spec, p / 784, p % 784, fast[p], direct[p])
                        .isEqualTo(Float.floatToRawIntBits(direct[p]));
            }
        }
    }

    /** The draws are java.util.Random's, value for value, whatever the seed. */
    @Test
    void drawsAreJavaUtilRandomsNextDouble() {
        for (long seed : new long[] {0, 1, 42, -7, Long.MAX_VALUE, Long.MIN_VALUE, 0x5DEECE66DL}) {
            Random expected = new Random(seed);
            SeededDraws draws = new SeededDraws(seed);
            for (int i = 0; i < 200_000; i++) {
                assertThat(draws.nextDouble()).as("seed %d, draw %d", seed, i).isEqualTo(expected.nextDouble());
            }
        }
    }

    @Test
    void identityLeavesEveryPixel() {
        float[] in = randomImage(1);
        float[] out = new float[784];

        Distortion.warp(in, 0, out, 0, 1, 0, 0, 0, NO_DISPLACEMENT, NO_DISPLACEMENT);

        assertThat(out).containsExactly(in);
    }

    @Test
    void quarterTurnAboutTheCentreMapsPixelToPixel() {
        float[] in = randomImage(2);
        float[] out = new float[784];

        Distortion.warp(in, 0, out, 90, 1, 0, 0, 0, NO_DISPLACEMENT, NO_DISPLACEMENT);

        // x right, y down, centre (13.5, 13.5): a quarter turn takes (x, y) to (27 - y, x)
        for (int y = 0; y < 28; y++) {
            for (int x = 0; x < 28; x++) {
                assertThat(out[x * 28 + (27 - y)]).isCloseTo(in[y * 28 + x], within(1e-5f));
            }
        }
    }

    @Test
    void wholePixelMoveEqualsRandomShiftsAndHalfPixelAverages() {
        float[] in = randomImage(3);
        float[] moved = new float[784];
        float[] expected = new float[784];

        Distortion.warp(in, 0, moved, 0, 1, 0, 2, -1, NO_DISPLACEMENT, NO_DISPLACEMENT);
        RandomShift.shift(in, expected, 0, 2, -1);
        for (int i = 0; i < 784; i++) {
            assertThat(moved[i]).isCloseTo(expected[i], within(1e-6f));
        }

        float[] half = new float[784];
        Distortion.warp(in, 0, half, 0, 1, 0, 0.5, 0, NO_DISPLACEMENT, NO_DISPLACEMENT);
        assertThat(half[5 * 28 + 10]).isCloseTo((in[5 * 28 + 9] + in[5 * 28 + 10]) / 2, within(1e-6f));
    }

    @Test
    void doubleSizeSpreadsAPixelOverItsNeighbours() {
        float[] in = new float[784];
        in[14 * 28 + 14] = 1f; // 0.5 px right and below the centre (13.5, 13.5)
        float[] out = new float[784];

        Distortion.warp(in, 0, out, 0, 2, 0, 0, 0, NO_DISPLACEMENT, NO_DISPLACEMENT);

        // twice as far from the centre: at (14.5, 14.5), so shared by four pixels; output (15, 15) reads input
        // (14.25, 14.25), i.e. 0.75 × 0.75 of the lit pixel; (13, 13) reads (13.25, 13.25), a quarter of each way
        assertThat(out[14 * 28 + 14]).isCloseTo(0.5625f, within(1e-6f));
        assertThat(out[15 * 28 + 15]).isCloseTo(0.5625f, within(1e-6f));
        assertThat(out[13 * 28 + 13]).isCloseTo(0.0625f, within(1e-6f));
        assertThat(out[12 * 28 + 12]).isZero();
        assertThat(out[17 * 28 + 17]).isZero();
    }

    @Test
    void elasticGridInterpolatesItsControlPoints() {
        double[] r = new double[Distortion.DRAWS];
        int base = 6;
        r[base] = 1; // top-left control point
        r[base + Distortion.GRID * Distortion.GRID - 1] = -1; // bottom-right
        double[] field = new double[784];

        Distortion.displacements(r, base, 2, field, new double[Distortion.GRID * 28]);

        assertThat(field[0]).isEqualTo(2.0);
        assertThat(field[783]).isEqualTo(-2.0);
        assertThat(field[27]).isZero(); // top-right control point
        // control points every 9 px: x = 9 is the second one (0), x = 4 lies 4/9 of the way to it
        assertThat(field[9]).isZero();
        assertThat(field[4]).isCloseTo(2 * (1 - 4 / 9.0), within(1e-9));
    }

    @Test
    void strokesThickenTowardTheNeighboursMaximumAndThinTowardTheMinimum() {
        float[] image = new float[784];
        image[10 * 28 + 10] = 1f;
        float[] thick = image.clone();
        float[] thin = image.clone();
        float[] pass = new float[784];

        Strokes.thickenOrThin(thick, 0.5, pass);
        Strokes.thickenOrThin(thin, -0.5, pass);

        for (int y = 9; y <= 11; y++) {
            for (int x = 9; x <= 11; x++) {
                assertThat(thick[y * 28 + x]).isEqualTo(y == 10 && x == 10 ? 1f : 0.5f);
            }
        }
        assertThat(thick[8 * 28 + 10]).isZero();
        assertThat(thin[10 * 28 + 10]).isEqualTo(0.5f);
        assertThat(thin).containsOnlyOnce(0.5f);
    }

    @Test
    void sameSeedSameImagesAndSkipComesToTheSamePlace() {
        Distortion.Spec spec = new Distortion.Spec(2, 10, 0.1, 0.2, 1.5, 0.5);
        INDArray features = Nd4j.rand(DataType.FLOAT, 6, 784);
        INDArray original = features.dup();
        DataSet whole = new DataSet(features, Nd4j.zeros(DataType.FLOAT, 6, 10));
        DataSet again = new DataSet(features.dup(), Nd4j.zeros(DataType.FLOAT, 6, 10));
        DataSet lastTwo = new DataSet(
                features.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(4, 6))
                        .dup(),
                Nd4j.zeros(DataType.FLOAT, 2, 10));

        new Distortion(spec, 5).preProcess(whole);
        new Distortion(spec, 5).preProcess(again);
        Distortion skipped = new Distortion(spec, 5);
        skipped.skip(4);
        skipped.preProcess(lastTwo);

        assertThat(features).isEqualTo(original);
        assertThat(whole.getFeatures()).isNotEqualTo(original);
        assertThat(again.getFeatures()).isEqualTo(whole.getFeatures());
        assertThat(lastTwo.getFeatures())
                .isEqualTo(whole.getFeatures().get(org.nd4j.linalg.indexing.NDArrayIndex.interval(4, 6)));
    }
}
