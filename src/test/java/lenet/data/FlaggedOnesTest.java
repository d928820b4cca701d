package lenet.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import lenet.testing.MnistImages;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

class FlaggedOnesTest {
    /** A 1 as MNIST writes it: a stroke 2 px wide, from row 4 to row 23, leaning {@code lean} px right per px up. */
    private static float[] one(double lean) {
        float[] image = new float[784];
        for (int y = 4; y <= 23; y++) {
            int x = (int) Math.round(13 + lean * (13.5 - y));
            image[y * 28 + x] = 1f;
            image[y * 28 + x + 1] = 1f;
        }
        return image;
    }

    private static DataSet batch(float[][] images, int... labels) {
        INDArray features = Nd4j.create(DataType.FLOAT, images.length, 784);
        INDArray oneHot = Nd4j.zeros(DataType.FLOAT, images.length, 10);
        for (int i = 0; i < images.length; i++) {
            features.putRow(i, Nd4j.create(images[i]));
            oneHot.putScalar(i, labels[i], 1);
        }
        return new DataSet(features, oneHot);
    }

    /**
     * The ink {@code after} has and {@code before} has not: its weight, and the pixel of it (at least half ink) farthest
     * from (x0, y0).
     */
    private static double[] added(float[] before, float[] after, double x0, double y0) {
        double mass = 0, far = -1, x = 0, y = 0;
        for (int p = 0; p < 784; p++) {
            double extra = after[p] - before[p];
            assertThat(extra).as("no ink is taken away").isGreaterThanOrEqualTo(0);
            mass += extra;
            double d = Math.hypot(p % 28 - x0, p / 28 - y0);
            if (extra >= 0.5 && d > far) {
                far = d;
                x = p % 28;
                y = p / 28;
            }
        }
        return new double[] {mass, x, y};
    }

    /**
     * Ink drawn only near the flag ({@link FlaggedOnes#addFlag}) against the first version, which measured it at every
     * pixel ({@link DirectFlag}): the same answer and the same bits, on every 1 among 2,000 MNIST digits and on every
     * other digit, with flags from the shortest and thinnest to the longest and widest.
     */
    @Test
    void flagsToTheSameBitsAsTheDirectVersion() {
        DataSet digits = DatasetFiles.read(Dataset.MNIST, MnistImages.SHIPPED_DATA, false)
                .all();
        float[] images = BatchValues.read(digits.getFeatures());
        float[] labels = BatchValues.read(digits.getLabels());
        java.util.Random random = new java.util.Random(9);
        int flagged = 0;
        for (int i = 0; i < Math.min(2000, images.length / 784); i++) {
            if (labels[i * 10 + 1] != 1f && i % 10 != 0) {
                continue;
            }
            double angle = random.nextDouble(), length = 0.2 + 0.2 * random.nextDouble();
            double width = 0.8 + 0.3 * random.nextDouble();
            if (i % 7 == 0) {
                length = 0.4;
                width = 1.1;
            }
            float[] fast = java.util.Arrays.copyOfRange(images, i * 784, i * 784 + 784);
            float[] direct = fast.clone();
            boolean drawn = FlaggedOnes.addFlag(fast, 0, angle, length, width);
            assertThat(drawn).as("image %d", i).isEqualTo(DirectFlag.addFlag(direct, 0, angle, length, width));
            flagged += drawn ? 1 : 0;
            for (int p = 0; p < 784; p++) {
                assertThat(Float.floatToRawIntBits(fast[p]))
                        .as("image %d, pixel %d", i, p)
                        .isEqualTo(Float.floatToRawIntBits(direct[p]));
            }
        }
        assertThat(flagged).as("flags drawn").isGreaterThan(100);
    }

    @Test
    void anUprightOneGetsAFlagFallingToTheLeftFromTheTopOfItsStem() {
        for (double angle : new double[] {0, 0.5, 1}) {
            float[] image = one(0);
            float[] flagged = image.clone();

            assertThat(FlaggedOnes.addFlag(flagged, 0, angle, 0.3, 1)).isTrue();

            double[] flag = added(image, flagged, 13.5, 4);
            // a stroke about 2 px wide and 0.3 × 20 px long, minus what overlaps the stem
            assertThat(flag[0]).isBetween(4.0, 16.0);
            // seen from the stem's top (13.5, 4), the flag's far end lies below and to the left, at the angle asked:
            // 25° from straight down at 0, 60° at 1
            double degrees = Math.toDegrees(Math.atan2(13.5 - flag[1], flag[2] - 4));
            assertThat(degrees).isCloseTo(25 + 35 * angle, within(10.0));
            assertThat(flag[2]).as("in the top half").isLessThan(12);
        }
    }

    @Test
    void aOneLeaningTooFarForwardToCarryAFlagIsLeftAlone() {
        float[] leaning = one(1.0); // 45° forward: any flag at ≤ 60° from down would lie within 15° of the stem
        float[] copy = leaning.clone();

        assertThat(FlaggedOnes.addFlag(copy, 0, 0.5, 0.3, 1)).isFalse();
        assertThat(copy).containsExactly(leaning);
        float[] slightly = one(0.2); // 11° forward: the flag falls at 31° to 60°
        assertThat(FlaggedOnes.addFlag(slightly, 0, 0, 0.3, 1)).isTrue();
    }

    @Test
    void onlyOnesAreFlaggedAndOnlyTheFractionAsked() {
        int n = 400;
        float[][] images = new float[n][];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            images[i] = one(0);
            labels[i] = i % 2 == 0 ? 1 : 7;
        }
        DataSet batch = batch(images, labels);
        INDArray before = batch.getFeatures().dup();

        new FlaggedOnes(0.25, 3).preProcess(batch);

        int flaggedOnes = 0;
        for (int i = 0; i < n; i++) {
            boolean changed = !batch.getFeatures().getRow(i).equals(before.getRow(i));
            if (labels[i] == 7) {
                assertThat(changed).as("image %d, a 7", i).isFalse();
            } else if (changed) {
                flaggedOnes++;
            }
        }
        // 200 ones at 25%: 50 expected, σ ≈ 6
        assertThat(flaggedOnes).isBetween(30, 70);
        assertThat(batch.getLabels().sum(0).getDouble(1)).as("labels unchanged").isEqualTo(200.0);
    }

    @Test
    void skippingLandsWhereProcessingWouldHaveAndNoneDrawsNothing() {
        float[][] images = new float[16][];
        int[] labels = new int[16];
        for (int i = 0; i < 16; i++) {
            images[i] = one(0.1 * (i % 3));
            labels[i] = 1;
        }
        FlaggedOnes processed = new FlaggedOnes(0.5, 9);
        FlaggedOnes skipped = new FlaggedOnes(0.5, 9);
        processed.preProcess(batch(images, labels));
        skipped.skip(16);
        DataSet a = batch(images, labels);
        DataSet b = batch(images, labels);

        processed.preProcess(a);
        skipped.preProcess(b);

        assertThat(a.getFeatures()).isEqualTo(b.getFeatures());
        assertThat(a.getFeatures())
                .as("some were flagged")
                .isNotEqualTo(batch(images, labels).getFeatures());
        DataSet untouched = batch(images, labels);
        INDArray features = untouched.getFeatures();
        new FlaggedOnes(0, 9).preProcess(untouched);
        assertThat(untouched.getFeatures()).isSameAs(features);
    }

    @Test
    void chainedAugmentationsRunAndSkipInOrder() {
        float[][] images = {one(0), one(0.1), one(0), one(0.2)};
        int[] labels = {1, 1, 1, 1};
        DataSet chained = batch(images, labels);
        DataSet byHand = batch(images, labels);

        Augmentation.chain(new FlaggedOnes(1, 5), new RandomShift(2, 5)).preProcess(chained);
        new FlaggedOnes(1, 5).preProcess(byHand);
        new RandomShift(2, 5).preProcess(byHand);

        assertThat(chained.getFeatures()).isEqualTo(byHand.getFeatures());
    }
}
